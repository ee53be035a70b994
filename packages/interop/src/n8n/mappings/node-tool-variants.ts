import type { N8nMapping } from '../mapping.ts';
import httpRequest from './http-request.ts';
import mySql from './my-sql.ts';
import postgres from './postgres.ts';
import redis from './redis.ts';

/** n8n's "node as a tool" variants (`<node>Tool`) of nodes GuixuFlow has. */
const BASES: Record<string, N8nMapping> = {
  httpRequestTool: httpRequest,
  postgresTool: postgres,
  mySqlTool: mySql,
  redisTool: redis,
};
const PREFIX = 'n8n-nodes-base.';
/** Parameters of the tool wrapper itself, not of the node it runs. */
const TOOL_PARAMETERS = new Set(['toolDescription', 'descriptionType']);

/**
 * `httpRequestTool`, `postgresTool`, … → Node Tool running the mapped node; its
 * `$fromAI()` parameters are kept, so the model fills them as in n8n. The description
 * is the node's tool description (n8n's "automatic" one becomes the node's name).
 */
const mapping: N8nMapping = {
  n8nTypes: Object.keys(BASES).map((type) => `${PREFIX}${type}`),
  guixuType: 'guixu.toolNode',
  translate(node, ctx) {
    const base = BASES[node.type.slice(PREFIX.length)];
    if (!base) return { parameters: {}, unsupported: `No GuixuFlow node runs "${node.type}"` };
    const own = Object.fromEntries(
      Object.entries(node.parameters).filter(([key]) => !TOOL_PARAMETERS.has(key)),
    );
    const inner = base.translate ? base.translate({ ...node, parameters: own }, ctx) : { parameters: own };
    if (inner.unsupported) return { parameters: {}, unsupported: inner.unsupported };
    const description =
      typeof node.parameters.toolDescription === 'string' && node.parameters.toolDescription.trim()
        ? node.parameters.toolDescription
        : `Runs the "${node.name}" node (${base.guixuType}).`;
    return {
      parameters: {
        description,
        nodeType: inner.type ?? base.guixuType,
        nodeParameters: inner.parameters,
        typeVersion: 1,
      },
    };
  },
};

export default mapping;

/**
 * Node Tool ("any node as a tool"): runs another node, configured here, when the agent
 * calls it. Its parameters may hold n8n's `$fromAI('name', 'description', 'type')`:
 * those become the tool's arguments, which the model fills. The node runs as a one-node
 * sub-workflow (the run's project, credentials and limits apply), with the credentials
 * set on this node, and the tool answers with its output items.
 */
import { defineNode, GuixuError, type JsonObject, p, type Workflow, type WorkflowNode } from '@guixu/core';
import type { AgentTool } from '../cluster/contracts.ts';
import { toJson } from '../cluster/json.ts';
import { toolNameOf } from '../cluster/tool-name.ts';
import { z } from 'zod';
import { fillFromAi, fromAiParameters, fromAiSchema } from './from-ai.ts';

const rawParams = z.object({
  name: z.string().default(''),
  description: z.string().default(''),
  nodeType: z.string().default(''),
  nodeParameters: z.unknown(),
  typeVersion: z.number().default(1),
});

function objectParam(value: unknown, parameter: string): JsonObject {
  const parsed = typeof value === 'string' && value.trim() ? safeJson(value, parameter) : (value ?? {});
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new GuixuError('AI_TOOL_NODE_INVALID', `"${parameter}" must be a JSON object`, { parameter });
  }
  return parsed as JsonObject;
}

function safeJson(text: string, parameter: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new GuixuError('AI_TOOL_NODE_INVALID', `"${parameter}" is not valid JSON`, { parameter });
  }
}

export default defineNode({
  type: 'guixu.toolNode',
  version: 1,
  displayName: 'Node Tool',
  description: 'Any node as a tool for an AI Agent: parameters written as $fromAI() are filled by the model.',
  group: 'ai',
  icon: 'puzzle-piece',
  inputs: [],
  outputs: [{ type: 'ai_tool', displayName: 'Tool' }],
  params: {
    name: p.string({ label: 'Name', description: 'How the model calls it (default: from the node name).' }),
    description: p.string({
      label: 'Description',
      rows: 3,
      required: true,
      description: 'Tell the model what the tool does and when to call it.',
    }),
    nodeType: p.string({
      label: 'Node Type',
      required: true,
      description: 'The node to run, e.g. guixu.httpRequest.',
    }),
    nodeParameters: p.json({
      label: 'Node Parameters',
      default: {},
      description:
        'Its parameters; a value like ={{ $fromAI("city", "The city to look up", "string") }} is filled by the model.',
    }),
    typeVersion: p.number({ label: 'Node Version', default: 1, min: 1 }),
  },
  docs: [
    'Its own parameters are read as written (no expressions): the wrapped node’s expressions run when it does.',
    '`$fromAI(name, description?, type?, default?)`: type is string, number, boolean or json; without a default',
    'the argument is required. The credentials set on this node are passed to the node it runs.',
  ].join('\n'),
  run: () => [[]],
  supplyData(ctx): AgentTool {
    // Read as written: the engine would evaluate the wrapped node's expressions here, and
    // `$fromAI()` only has a value once the model called the tool.
    const params = rawParams.parse(ctx.node.parameters);
    const runner = ctx.services.subWorkflows;
    const nodeParameters = objectParam(params.nodeParameters, 'nodeParameters');
    const declared = fromAiParameters(nodeParameters);
    const type = params.nodeType.trim();
    if (!type)
      throw new GuixuError('AI_TOOL_NODE_INVALID', 'Choose the node to run', { parameter: 'nodeType' });
    return {
      kind: 'tool',
      name: toolNameOf(params.name, ctx.node.name),
      description: params.description,
      inputSchema: fromAiSchema(declared),
      async run(input, signal) {
        if (!runner) {
          throw new GuixuError('SUB_WORKFLOWS_UNAVAILABLE', 'This host cannot run other workflows', {
            audience: 'operator',
          });
        }
        const args = toJson(input);
        const values = typeof args === 'object' && args !== null && !Array.isArray(args) ? args : {};
        const node: WorkflowNode = {
          id: 'tool',
          name: ctx.node.name,
          type,
          typeVersion: params.typeVersion,
          position: [0, 0],
          parameters: fillFromAi(nodeParameters, values, declared) as WorkflowNode['parameters'],
          ...(ctx.node.credentials ? { credentials: ctx.node.credentials } : {}),
        };
        const document: Workflow = {
          id: `${ctx.workflow.id ?? 'workflow'}:${ctx.node.name}`,
          name: `${ctx.node.name} (tool)`,
          nodes: [
            {
              id: 'start',
              name: 'Tool Input',
              type: 'guixu.manualTrigger',
              typeVersion: 1,
              position: [0, 0],
              parameters: {},
            },
            node,
          ],
          connections: { 'Tool Input': { main: [[{ node: ctx.node.name, type: 'main', index: 0 }]] } },
          settings: {},
        };
        const result = await runner.run({
          workflow: { document },
          items: [{ json: values }],
          wait: true,
          parent: { executionId: ctx.execution.id, workflowId: ctx.workflow.id, node: ctx.node.name },
          signal,
        });
        const items = (result.items ?? []).map((item) => item.json);
        return items.length === 1 ? (items[0] ?? null) : items;
      },
    };
  },
});

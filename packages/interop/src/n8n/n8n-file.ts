import { z } from 'zod';
import { invalidFile } from '../shared/import-error.ts';
import { jsonDepthExceeds, MAX_JSON_DEPTH } from '../shared/json-depth.ts';

const credentialRef = z.object({
  id: z.union([z.string(), z.number()]).nullish(),
  name: z.string().nullish(),
});

export const n8nNodeSchema = z
  .object({
    id: z.string().optional(),
    name: z.string().min(1),
    type: z.string().min(1),
    typeVersion: z.number().optional(),
    position: z.array(z.number()).optional(),
    parameters: z.record(z.string(), z.unknown()).nullish(),
    credentials: z.record(z.string(), z.union([credentialRef, z.string()])).nullish(),
    disabled: z.boolean().optional(),
    notes: z.string().optional(),
    notesInFlow: z.boolean().optional(),
    onError: z.string().optional(),
    continueOnFail: z.boolean().optional(),
    retryOnFail: z.boolean().optional(),
    maxTries: z.number().optional(),
    waitBetweenTries: z.number().optional(),
    alwaysOutputData: z.boolean().optional(),
    executeOnce: z.boolean().optional(),
    webhookId: z.string().optional(),
  })
  .passthrough();
export type N8nNode = z.infer<typeof n8nNodeSchema>;

const n8nTarget = z
  .object({ node: z.string(), type: z.string().optional(), index: z.number().optional() })
  .passthrough();
export type N8nConnectionTarget = z.infer<typeof n8nTarget>;

export const n8nConnectionsSchema = z.record(
  z.string(),
  z.record(z.string(), z.array(z.array(n8nTarget).nullable()).nullable()),
);
export type N8nConnections = z.infer<typeof n8nConnectionsSchema>;

const n8nWorkflowSchema = z
  .object({
    id: z.union([z.string(), z.number()]).nullish(),
    name: z.string().nullish(),
    nodes: z.array(z.unknown()),
    connections: n8nConnectionsSchema.nullish(),
    settings: z.record(z.string(), z.unknown()).nullish(),
    pinData: z.record(z.string(), z.unknown()).nullish(),
    tags: z.array(z.unknown()).nullish(),
    meta: z.unknown().optional(),
    active: z.boolean().nullish(),
  })
  .passthrough();

export interface N8nWorkflow {
  id?: string;
  name?: string;
  nodes: N8nNode[];
  connections: N8nConnections;
  settings: Record<string, unknown>;
  pinData: Record<string, unknown>;
  tags: string[];
}

function parseText(text: string, fileName?: string): unknown {
  const trimmed = text.replace(/^\uFEFF/, '').trim();
  if (trimmed === '') throw invalidFile(fileName, 'the file is empty');
  try {
    return JSON.parse(trimmed);
  } catch (error) {
    throw invalidFile(
      fileName,
      `it is not valid JSON (${error instanceof Error ? error.message : String(error)})`,
    );
  }
}

function issuePath(path: readonly PropertyKey[]): string {
  return path
    .map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`))
    .join('')
    .replace(/^\./, '');
}

/** Reads an n8n workflow export (text or parsed JSON) and checks its top-level shape. */
export function readN8nWorkflow(input: unknown, fileName?: string): N8nWorkflow {
  const data = typeof input === 'string' ? parseText(input, fileName) : input;
  if (jsonDepthExceeds(data)) {
    throw invalidFile(
      fileName,
      `its data is nested more than ${MAX_JSON_DEPTH} levels deep; no workflow needs that, so the file is refused`,
      { maxDepth: MAX_JSON_DEPTH },
    );
  }
  if (Array.isArray(data)) {
    throw invalidFile(
      fileName,
      `it holds a list of ${data.length} workflow(s), not one workflow; import each workflow of the list on its own`,
      { count: data.length },
    );
  }
  if (data === null || typeof data !== 'object') {
    throw invalidFile(
      fileName,
      `expected an n8n workflow object with "nodes" and "connections", got ${data === null ? 'null' : typeof data}`,
    );
  }
  if (!('nodes' in data) && 'data' in data && data.data && typeof data.data === 'object') {
    throw invalidFile(
      fileName,
      'the workflow is wrapped in a "data" object (an n8n API response); import the object inside "data" instead',
    );
  }
  if (!('nodes' in data)) {
    throw invalidFile(fileName, 'it has no "nodes" list, so it is not an n8n workflow export');
  }
  const parsed = n8nWorkflowSchema.safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw invalidFile(fileName, `${issuePath(issue.path) || 'workflow'}: ${issue.message}`);
  }
  const nodes: N8nNode[] = [];
  for (const [index, raw] of parsed.data.nodes.entries()) {
    const node = n8nNodeSchema.safeParse(raw);
    if (!node.success) {
      const issue = node.error.issues[0];
      const label =
        raw && typeof raw === 'object' && 'name' in raw && typeof raw.name === 'string'
          ? ` ("${raw.name}")`
          : '';
      throw invalidFile(fileName, `nodes[${index}]${label}.${issuePath(issue.path)}: ${issue.message}`);
    }
    nodes.push(node.data);
  }
  const tags = (parsed.data.tags ?? [])
    .map((tag) =>
      typeof tag === 'string'
        ? tag
        : tag && typeof tag === 'object' && 'name' in tag && typeof tag.name === 'string'
          ? tag.name
          : undefined,
    )
    .filter((tag): tag is string => tag !== undefined);
  return {
    id: parsed.data.id == null ? undefined : String(parsed.data.id),
    name: parsed.data.name ?? undefined,
    nodes,
    connections: parsed.data.connections ?? {},
    settings: parsed.data.settings ?? {},
    pinData: parsed.data.pinData ?? {},
    tags,
  };
}

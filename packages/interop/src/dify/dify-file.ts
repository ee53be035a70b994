import { parse } from 'yaml';
import { z } from 'zod';
import { invalidFile } from '../shared/import-error.ts';

const difyNodeSchema = z
  .object({
    id: z.union([z.string(), z.number()]).transform(String),
    type: z.string().optional(),
    parentId: z.union([z.string(), z.number()]).transform(String).optional(),
    position: z.object({ x: z.number(), y: z.number() }).partial().optional(),
    positionAbsolute: z.object({ x: z.number(), y: z.number() }).partial().optional(),
    width: z.number().optional(),
    height: z.number().optional(),
    data: z.record(z.string(), z.unknown()),
  })
  .passthrough();
export type DifyRawNode = z.infer<typeof difyNodeSchema>;

const difyEdgeSchema = z
  .object({
    source: z.union([z.string(), z.number()]).transform(String),
    target: z.union([z.string(), z.number()]).transform(String),
    sourceHandle: z.union([z.string(), z.number()]).transform(String).nullish(),
    targetHandle: z.union([z.string(), z.number()]).transform(String).nullish(),
  })
  .passthrough();
export type DifyEdge = z.infer<typeof difyEdgeSchema>;

const difyAppSchema = z.object({
  app: z
    .object({ mode: z.string(), name: z.string().nullish(), description: z.string().nullish() })
    .passthrough(),
  version: z.union([z.string(), z.number()]).transform(String).optional(),
  workflow: z
    .object({
      graph: z.object({ nodes: z.array(z.unknown()), edges: z.array(z.unknown()).nullish() }).passthrough(),
      conversation_variables: z.array(z.record(z.string(), z.unknown())).nullish(),
      environment_variables: z.array(z.record(z.string(), z.unknown())).nullish(),
    })
    .passthrough(),
});

export interface DifyApp {
  name: string;
  description?: string;
  mode: 'workflow' | 'advanced-chat';
  version: string;
  nodes: DifyRawNode[];
  edges: DifyEdge[];
  conversationVariables: Record<string, unknown>[];
  environmentVariables: Record<string, unknown>[];
}

export const SUPPORTED_VERSIONS = /^0\.[1-6](\.\d+)?$/;

/** Reads a Dify DSL file (YAML text or parsed object), checking its version and shape. */
export function readDifyApp(
  input: unknown,
  fileName: string | undefined,
  warn: (message: string) => void,
): DifyApp {
  let data = input;
  if (typeof input === 'string') {
    if (input.trim() === '') throw invalidFile(fileName, 'the file is empty');
    try {
      data = parse(input, { maxAliasCount: 1000 });
    } catch (error) {
      throw invalidFile(
        fileName,
        `it is not valid YAML (${error instanceof Error ? error.message.split('\n')[0] : String(error)})`,
      );
    }
  }
  if (data === null || typeof data !== 'object' || Array.isArray(data)) {
    throw invalidFile(fileName, 'expected a Dify DSL document (a mapping with "app" and "workflow")');
  }
  if (!('app' in data))
    throw invalidFile(fileName, 'it has no "app" section, so it is not a Dify DSL export');
  const parsed = difyAppSchema.safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const path = issue.path.join('.');
    if (path.startsWith('workflow')) {
      throw invalidFile(
        fileName,
        `it has no workflow graph (${path}: ${issue.message}); only workflow and chatflow apps can be imported`,
      );
    }
    throw invalidFile(fileName, `${path || 'document'}: ${issue.message}`);
  }
  const app = parsed.data;
  // Dify itself reads a file without a version as 0.1.0.
  const version = app.version ?? '0.1.0';
  if (app.version === undefined)
    warn('The file has no DSL version; it was read as version 0.1.0, like Dify does.');
  if (!SUPPORTED_VERSIONS.test(version)) {
    throw invalidFile(
      fileName,
      `its Dify DSL version "${version}" is not supported (supported: 0.1.x to 0.6.x)`,
      { version },
    );
  }
  const mode = app.app.mode;
  if (mode !== 'workflow' && mode !== 'advanced-chat') {
    throw invalidFile(
      fileName,
      `it is a Dify "${mode}" app; only "workflow" and "advanced-chat" (chatflow) apps have a workflow to import`,
    );
  }
  const nodes: DifyRawNode[] = [];
  for (const [index, raw] of app.workflow.graph.nodes.entries()) {
    const node = difyNodeSchema.safeParse(raw);
    if (!node.success) {
      const issue = node.error.issues[0];
      throw invalidFile(fileName, `workflow.graph.nodes[${index}].${issue.path.join('.')}: ${issue.message}`);
    }
    nodes.push(node.data);
  }
  const edges: DifyEdge[] = [];
  for (const [index, raw] of (app.workflow.graph.edges ?? []).entries()) {
    const edge = difyEdgeSchema.safeParse(raw);
    if (!edge.success) {
      const issue = edge.error.issues[0];
      throw invalidFile(fileName, `workflow.graph.edges[${index}].${issue.path.join('.')}: ${issue.message}`);
    }
    edges.push(edge.data);
  }
  return {
    name: app.app.name ?? 'Imported Dify app',
    description: app.app.description ?? undefined,
    mode,
    version,
    nodes,
    edges,
    conversationVariables: app.workflow.conversation_variables ?? [],
    environmentVariables: app.workflow.environment_variables ?? [],
  };
}

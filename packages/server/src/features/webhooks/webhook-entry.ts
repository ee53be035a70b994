import { GuixuError, type NodeRegistry, type Workflow, type WorkflowNode } from '@guixu/core';
import { type WebhookConfig, webhookConfig } from '@guixu/nodes';
import { z } from 'zod';

/** The Webhook node's `options` the server acts on; anything else is the node's business. */
const optionsSchema = z
  .object({
    allowedOrigins: z.string().optional(),
    binaryPropertyName: z.string().optional(),
    ignoreBots: z.boolean().optional(),
    ipWhitelist: z.string().optional(),
    noResponseBody: z.boolean().optional(),
    rawBody: z.boolean().optional(),
    responseData: z.string().optional(),
    responseContentType: z.string().optional(),
    responseHeaders: z
      .object({ entries: z.array(z.object({ name: z.string(), value: z.string() })).optional() })
      .optional(),
    responsePropertyName: z.string().optional(),
  })
  .loose();

export interface WebhookOptions {
  allowedOrigins: string[];
  binaryPropertyName?: string;
  ignoreBots: boolean;
  ipWhitelist: string[];
  noResponseBody: boolean;
  rawBody: boolean;
  responseData?: string;
  responseContentType?: string;
  responseHeaders: [string, string][];
  responsePropertyName?: string;
}

/** One method + path a workflow listens on, with everything a request needs precomputed. */
export interface WebhookEntry {
  workflowId: string;
  workflowVersion: number;
  workflow: Workflow;
  node: WorkflowNode;
  method: string;
  path: string;
  segments: string[];
  dynamic: boolean;
  config: WebhookConfig;
  options: WebhookOptions;
}

const list = (text: string | undefined) =>
  (text ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');

function readOptions(node: WorkflowNode): WebhookOptions {
  const parsed = optionsSchema.safeParse(node.parameters.options ?? {});
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const parameter = ['options', ...issue.path.map(String)].join('.');
    throw new GuixuError('WEBHOOK_INVALID', `Webhook option "${parameter}" is not valid: ${issue.message}`, {
      node: node.name,
      parameter,
    });
  }
  const o = parsed.data;
  for (const [key, value] of Object.entries(o)) {
    if (typeof value === 'string' && value.startsWith('=')) {
      throw new GuixuError(
        'WEBHOOK_INVALID',
        `Webhook option "options.${key}" cannot be an expression: it is read before the workflow runs`,
        { node: node.name, parameter: `options.${key}` },
      );
    }
  }
  return {
    allowedOrigins: list(o.allowedOrigins ?? '*'),
    ...(o.binaryPropertyName ? { binaryPropertyName: o.binaryPropertyName } : {}),
    ignoreBots: o.ignoreBots === true,
    ipWhitelist: list(o.ipWhitelist),
    noResponseBody: o.noResponseBody === true,
    rawBody: o.rawBody === true,
    ...(o.responseData ? { responseData: o.responseData } : {}),
    ...(o.responseContentType ? { responseContentType: o.responseContentType } : {}),
    responseHeaders: (o.responseHeaders?.entries ?? [])
      .filter((h) => h.name.trim() !== '')
      .map((h): [string, string] => [h.name.trim().toLowerCase(), h.value]),
    ...(o.responsePropertyName ? { responsePropertyName: o.responsePropertyName } : {}),
  };
}

const isRespondNode = (registry: NodeRegistry, node: WorkflowNode) =>
  !node.disabled && registry.find(node.type, node.typeVersion)?.type === 'guixu.respondToWebhook';

/**
 * Every method + path the enabled webhook-kind trigger nodes of a workflow
 * listen on. Throws WEBHOOK_INVALID naming the node and parameter.
 */
export function webhookEntries(
  workflow: Workflow,
  meta: { id: string; version: number },
  registry: NodeRegistry,
): WebhookEntry[] {
  const entries: WebhookEntry[] = [];
  for (const node of workflow.nodes) {
    if (node.disabled) continue;
    const definition = registry.find(node.type, node.typeVersion);
    if (definition?.trigger?.kind !== 'webhook') continue;
    // Platform callback triggers fix their methods in the definition (a saved node may omit them).
    const methods = definition.trigger.callback ? definition.params.httpMethod?.default : undefined;
    const config = webhookConfig(
      methods === undefined ? node.parameters : { httpMethod: methods, ...node.parameters },
      node.name,
    );
    const options = readOptions(node);
    if (config.credentialSlot && !node.credentials?.[config.credentialSlot]) {
      throw new GuixuError(
        'WEBHOOK_INVALID',
        `Node "${node.name}" authenticates with ${config.authentication} but has no "${config.credentialSlot}" credential`,
        { node: node.name, parameter: 'authentication' },
      );
    }
    if (config.responseMode === 'responseNode' && !workflow.nodes.some((n) => isRespondNode(registry, n))) {
      throw new GuixuError(
        'WEBHOOK_INVALID',
        `Node "${node.name}" responds "Using 'Respond to Webhook' node", but the workflow has no enabled Respond to Webhook node`,
        { node: node.name, parameter: 'responseMode' },
      );
    }
    const segments = config.path.split('/');
    for (const method of config.methods) {
      entries.push({
        workflowId: meta.id,
        workflowVersion: meta.version,
        workflow,
        node,
        method,
        path: config.path,
        segments,
        dynamic: config.pathParams.length > 0,
        config,
        options,
      });
    }
  }
  const seen = new Map<string, WebhookEntry>();
  for (const entry of entries) {
    const key = `${entry.method} ${shapeOf(entry.segments)}`;
    const other = seen.get(key);
    if (other) {
      throw new GuixuError(
        'WEBHOOK_PATH_TAKEN',
        `Nodes "${other.node.name}" and "${entry.node.name}" both listen on ${entry.method} /${entry.path}`,
        {
          node: entry.node.name,
          parameter: 'path',
          details: {
            method: entry.method,
            path: entry.path,
            workflowId: meta.id,
            otherNode: other.node.name,
          },
        },
      );
    }
    seen.set(key, entry);
  }
  return entries;
}

/** Paths with the same shape match the same requests: `orders/:id` and `orders/:orderId` collide. */
export function shapeOf(segments: readonly string[]): string {
  return segments.map((s) => (s.startsWith(':') ? ':' : s)).join('/');
}

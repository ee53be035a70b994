/**
 * HTTP Request tool: the agent calls one endpoint the workflow author fixed (method and
 * URL with `{placeholders}` the model fills, URL-encoded), optionally with a JSON body
 * from the model. The answer goes back to the model, cut to a size a prompt can take.
 */
import { defineNode, GuixuError, p } from '@guixu/core';
import { request } from 'undici';
import type { AgentTool } from '../cluster/contracts.ts';
import { toJson } from '../cluster/json.ts';
import { toolNameOf } from '../cluster/tool-name.ts';
import { fillTemplate, placeholderSchema, placeholdersOf } from './url-template.ts';

const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;

export default defineNode({
  type: 'guixu.toolHttpRequest',
  version: 1,
  displayName: 'HTTP Request Tool',
  description:
    'A tool for an AI Agent: calls an HTTP endpoint you fix, with URL parts (and a body) the model fills.',
  group: 'ai',
  icon: 'globe',
  inputs: [],
  outputs: [{ type: 'ai_tool', displayName: 'Tool' }],
  params: {
    name: p.string({ label: 'Name', description: 'How the model calls it (default: from the node name).' }),
    description: p.string({ label: 'Description', rows: 3, required: true }),
    method: p.options({
      label: 'Method',
      options: METHODS.map((m) => ({ value: m, label: m })),
      default: 'GET',
    }),
    url: p.string({
      label: 'URL',
      required: true,
      placeholder: 'https://api.example.com/weather?city={city}',
      description: 'Each {name} is filled by the model (URL-encoded).',
    }),
    sendBody: p.boolean({ label: 'Model Sends a JSON Body', default: false }),
    headers: p.list({
      label: 'Headers',
      fields: { name: p.string({ label: 'Name' }), value: p.string({ label: 'Value' }) },
    }),
    maxResponseChars: p.number({
      label: 'Max Response Characters',
      default: 20_000,
      min: 100,
      integer: true,
    }),
    timeout: p.number({ label: 'Timeout (ms)', default: 30_000, min: 1, integer: true }),
  },
  run: () => [[]],
  supplyData(ctx, itemIndex): AgentTool {
    const params = ctx.params(itemIndex);
    const names = placeholdersOf(params.url);
    const headers = Object.fromEntries(
      params.headers.filter((h) => h.name).map((h) => [h.name.toLowerCase(), h.value]),
    );
    return {
      kind: 'tool',
      name: toolNameOf(params.name, ctx.node.name),
      description: params.description,
      inputSchema: placeholderSchema(names, params.sendBody),
      async run(input, signal) {
        const args = typeof input === 'object' && input !== null ? (input as Record<string, unknown>) : {};
        const url = fillTemplate(params.url, args);
        const body = params.sendBody ? JSON.stringify(toJson(args.body ?? {})) : undefined;
        const response = await request(url, {
          method: params.method,
          headers: body === undefined ? headers : { 'content-type': 'application/json', ...headers },
          body,
          signal: AbortSignal.any([signal, AbortSignal.timeout(params.timeout)]),
        }).catch((error: unknown) => {
          throw new GuixuError(
            'AI_TOOL_HTTP_FAILED',
            `The request to ${new URL(url).host} failed: ${String(error)}`,
          );
        });
        const text = await response.body.text();
        const clipped =
          text.length > params.maxResponseChars ? `${text.slice(0, params.maxResponseChars)}…` : text;
        const type = String(response.headers['content-type'] ?? '');
        let data: unknown = clipped;
        if (type.includes('json') && clipped === text) data = JSON.parse(text);
        if (response.statusCode >= 400) return { status: response.statusCode, error: toJson(data) };
        return toJson(data);
      },
    };
  },
});

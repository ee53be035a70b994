import { defineNode, isRecord, p, type PortSpec } from '@guixu/core';
import { z } from 'zod';
import { WEBHOOK_METHODS } from './webhook-config.ts';
import {
  authCredentials,
  authenticationParam,
  requestOptionFields,
  responseCodeParam,
  responseModeParam,
} from './webhook-params.ts';

export {
  AUTH_SLOTS,
  matchWebhookPath,
  normalizeWebhookPath,
  type WebhookConfig,
  webhookConfig,
} from './webhook-config.ts';
export { verifyHmacSignature } from './webhook-hmac.ts';

/**
 * Mirrors n8n's Webhook v2.1. Deviations: `httpMethod` holds a list when
 * `multipleMethods` is on (n8n uses two parameters of the same name), and
 * `authentication` adds `hmac` (credential `webhookHmacAuth`). The server
 * reads the registration with `webhookConfig` and hands the request item in.
 */

const upper = (v: unknown) => (typeof v === 'string' ? v.toUpperCase() : v);
const methodSchema = z.preprocess(upper, z.enum(WEBHOOK_METHODS));
const httpMethodSchema = z.union([methodSchema, z.array(methodSchema).min(1)]);

/** The methods that get an output each: with "multiple methods", one per method, in order. */
function methodOutputs(params: Record<string, unknown>): string[] {
  if (params.multipleMethods !== true) return [];
  const raw = params.httpMethod ?? ['GET', 'POST'];
  const list = (Array.isArray(raw) ? raw : [raw]).map((m) => (typeof m === 'string' ? m.toUpperCase() : ''));
  return [...new Set(list)].filter((m) => m !== '');
}

function outputPorts(params: Record<string, unknown>): PortSpec[] {
  const methods = methodOutputs(params);
  if (methods.length < 2) return [{ type: 'main' }];
  return methods.map((method) => ({ type: 'main', displayName: method }));
}

const notForResponseNode = { hide: { '/responseMode': ['responseNode'] } };
const AUTH_KINDS = ['basicAuth', 'headerAuth', 'jwtAuth', 'hmac'] as const;

export default defineNode({
  type: 'guixu.webhook',
  version: 1,
  displayName: 'Webhook',
  description: 'Starts the workflow when an HTTP request arrives at its URL.',
  group: 'trigger',
  icon: 'webhook',
  defaultName: 'Webhook',
  inputs: [],
  outputs: (params) => outputPorts(params),
  outputNames: (params) => outputPorts(params).map((port) => port.displayName ?? ''),
  trigger: { kind: 'webhook' },
  credentials: authCredentials('authentication', AUTH_KINDS),
  params: {
    multipleMethods: p.boolean({
      label: 'Allow multiple HTTP methods',
      description: 'Whether to accept more than one HTTP method',
      default: false,
      noExpression: true,
    }),
    httpMethod: p.custom<string | string[]>({
      kind: 'options',
      widget: 'select',
      label: 'HTTP method',
      description: 'The method to listen for; a list when "Allow multiple HTTP methods" is on.',
      schema: httpMethodSchema,
      default: 'GET',
      noExpression: true,
    }),
    path: p.string({
      label: 'Path',
      placeholder: 'webhook',
      description:
        'The URL path after /webhook/. Use ":name" segments for route parameters, e.g. "orders/:id".',
      required: true,
      noExpression: true,
    }),
    authentication: authenticationParam(AUTH_KINDS),
    responseMode: responseModeParam(),
    responseCode: responseCodeParam(notForResponseNode),
    responseData: p.options({
      label: 'Response data',
      description: 'What data the last node run returns',
      default: 'firstEntryJson',
      displayOptions: { show: { responseMode: ['lastNode'] } },
      options: [
        { value: 'allEntries', label: 'All entries', description: 'All items as a JSON array' },
        { value: 'firstEntryJson', label: 'First entry JSON', description: 'The JSON of the first item' },
        {
          value: 'firstEntryBinary',
          label: 'First entry binary',
          description: 'A binary file of the first item',
        },
        { value: 'noData', label: 'No response body' },
      ],
    }),
    responseBinaryPropertyName: p.string({
      label: 'Property name',
      description: 'Name of the binary property to return',
      default: 'data',
      displayOptions: { show: { responseData: ['firstEntryBinary'] } },
    }),
    options: p.collection({
      label: 'Options',
      fields: {
        allowedOrigins: p.string({
          label: 'Allowed origins (CORS)',
          description: 'Comma-separated origins allowed to call the webhook from a browser, or * for any',
          default: '*',
        }),
        ...requestOptionFields(),
        noResponseBody: p.boolean({
          label: 'No response body',
          default: false,
          displayOptions: notForResponseNode,
        }),
        responseData: p.string({
          label: 'Response data',
          description: 'Custom body sent when responding immediately',
          default: '',
          displayOptions: { show: { '/responseMode': ['onReceived'] } },
        }),
        responseContentType: p.string({
          label: 'Response content-type',
          default: '',
          placeholder: 'application/xml',
        }),
        responseHeaders: p.object({
          label: 'Response headers',
          fields: {
            entries: p.list({
              label: 'Entries',
              addLabel: 'Add response header',
              fields: { name: p.string({ label: 'Name' }), value: p.string({ label: 'Value' }) },
            }),
          },
        }),
        responsePropertyName: p.string({
          label: 'Property name',
          description: 'Return only this JSON property of the first item',
          default: 'data',
          displayOptions: { show: { '/responseData': ['firstEntryJson'], '/responseMode': ['lastNode'] } },
        }),
      },
    }),
  },
  docs: `Listens at \`/webhook/<path>\` (and \`/webhook-test/<path>\` while you test in the editor). Path segments starting with ":" are route parameters: \`orders/:id\` matches \`/webhook/orders/42\`.

Each request starts a run with one item: \`{ headers, params, query, body }\` (uploaded files become binary data). With "Allow multiple HTTP methods" the node has one output per method, in the order listed, and each request leaves on its method's output (as in n8n).

**Respond**: immediately (with "Response code" and optional custom data), when the last node finishes (its first item's JSON, all items, a binary file, or nothing), or through a Respond to Webhook node.

**Authentication**: Basic Auth, Header Auth, JWT, or an HMAC signature of the raw body (credential "Webhook HMAC signature").`,
  run: (ctx) => {
    const methods = methodOutputs(ctx.node.parameters);
    if (methods.length < 2) return [ctx.items];
    // As n8n: one output per method; the server hands the request's method in as the trigger state.
    const trigger = ctx.state.get();
    const method =
      isRecord(trigger) && typeof trigger.method === 'string' ? trigger.method.toUpperCase() : '';
    const index = Math.max(0, methods.indexOf(method));
    return methods.map((_, i) => (i === index ? ctx.items : []));
  },
});

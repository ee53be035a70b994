import { defineNode, p } from '@guixu/core';
import { z } from 'zod';
import { AUTH_SLOTS, WEBHOOK_METHODS } from './webhook-config.ts';

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

const notForResponseNode = { hide: { '/responseMode': ['responseNode'] } };

export default defineNode({
  type: 'guixu.webhook',
  version: 1,
  displayName: 'Webhook',
  description: 'Starts the workflow when an HTTP request arrives at its URL.',
  group: 'trigger',
  icon: 'webhook',
  defaultName: 'Webhook',
  inputs: [],
  outputs: ['main'],
  trigger: { kind: 'webhook' },
  credentials: [
    {
      name: AUTH_SLOTS.basicAuth,
      required: true,
      displayOptions: { show: { authentication: ['basicAuth'] } },
    },
    {
      name: AUTH_SLOTS.headerAuth,
      required: true,
      displayOptions: { show: { authentication: ['headerAuth'] } },
    },
    { name: AUTH_SLOTS.jwtAuth, required: true, displayOptions: { show: { authentication: ['jwtAuth'] } } },
    { name: AUTH_SLOTS.hmac, required: true, displayOptions: { show: { authentication: ['hmac'] } } },
  ],
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
    authentication: p.options({
      label: 'Authentication',
      default: 'none',
      noExpression: true,
      options: [
        { value: 'none', label: 'None' },
        { value: 'basicAuth', label: 'Basic Auth' },
        { value: 'headerAuth', label: 'Header Auth' },
        { value: 'jwtAuth', label: 'JWT Auth' },
        { value: 'hmac', label: 'HMAC signature' },
      ],
    }),
    responseMode: p.options({
      label: 'Respond',
      default: 'onReceived',
      noExpression: true,
      options: [
        { value: 'onReceived', label: 'Immediately', description: 'As soon as this node runs' },
        {
          value: 'lastNode',
          label: 'When last node finishes',
          description: 'Returns data of the last node run',
        },
        {
          value: 'responseNode',
          label: "Using 'Respond to Webhook' node",
          description: 'Response defined in that node',
        },
      ],
    }),
    responseCode: p.number({
      label: 'Response code',
      default: 200,
      min: 100,
      max: 599,
      integer: true,
      displayOptions: notForResponseNode,
    }),
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
        binaryPropertyName: p.string({
          label: 'Field name for binary data',
          description: 'Store an uploaded body as binary data under this name instead of parsing it',
          default: 'data',
        }),
        ignoreBots: p.boolean({
          label: 'Ignore bots',
          description: 'Ignore link previewers and crawlers',
          default: false,
        }),
        ipWhitelist: p.string({
          label: 'IP(s) allowlist',
          description: 'Comma-separated IP addresses allowed to call; empty allows all',
          default: '',
        }),
        noResponseBody: p.boolean({
          label: 'No response body',
          default: false,
          displayOptions: notForResponseNode,
        }),
        rawBody: p.boolean({
          label: 'Raw body',
          description: 'Keep the body as binary, unparsed',
          default: false,
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

Each request starts a run with one item: \`{ headers, params, query, body }\` (uploaded files become binary data).

**Respond**: immediately (with "Response code" and optional custom data), when the last node finishes (its first item's JSON, all items, a binary file, or nothing), or through a Respond to Webhook node.

**Authentication**: Basic Auth, Header Auth, JWT, or an HMAC signature of the raw body (credential "Webhook HMAC signature").`,
  run: (ctx) => [ctx.items],
});

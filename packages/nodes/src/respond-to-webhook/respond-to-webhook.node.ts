import { defineNode, GuixuError, type Item, p, type WebhookResponse } from '@guixu/core';
import { z } from 'zod';

/**
 * Mirrors n8n's Respond to Webhook v1.1. Not supported: `respondWith: jwt` and
 * streaming. Text responses get no default content type: the server picks one.
 */

const anyValue = z.unknown();

export default defineNode({
  type: 'guixu.respondToWebhook',
  version: 1,
  displayName: 'Respond to Webhook',
  description:
    "Sends the HTTP response of a Webhook whose 'Respond' setting is 'Using Respond to Webhook node'.",
  group: 'flow',
  icon: 'reply',
  defaultName: 'Respond to Webhook',
  inputs: ['main'],
  outputs: ['main'],
  params: {
    respondWith: p.options({
      label: 'Respond with',
      default: 'firstIncomingItem',
      noExpression: true,
      options: [
        { value: 'allIncomingItems', label: 'All incoming items', description: 'JSON array of every item' },
        { value: 'binary', label: 'Binary file', description: 'A binary property of the first item' },
        {
          value: 'firstIncomingItem',
          label: 'First incoming item',
          description: 'The JSON of the first item',
        },
        { value: 'json', label: 'JSON', description: 'A JSON body you write' },
        { value: 'noData', label: 'No data', description: 'An empty body' },
        { value: 'redirect', label: 'Redirect', description: 'Redirect to a URL' },
        { value: 'text', label: 'Text', description: 'A text body you write' },
      ],
    }),
    redirectURL: p.string({
      label: 'Redirect URL',
      placeholder: 'e.g. http://www.example.com',
      required: true,
      displayOptions: { show: { respondWith: ['redirect'] } },
    }),
    responseBody: p.custom<unknown>({
      kind: 'json',
      widget: 'json',
      label: 'Response body',
      description: 'The body: JSON for "JSON", plain text for "Text"',
      schema: anyValue,
      default: '{\n  "myField": "value"\n}',
      displayOptions: { show: { respondWith: ['json', 'text'] } },
    }),
    responseDataSource: p.options({
      label: 'Response data source',
      default: 'automatically',
      displayOptions: { show: { respondWith: ['binary'] } },
      options: [
        {
          value: 'automatically',
          label: 'Choose automatically from input',
          description: 'The first binary property',
        },
        { value: 'set', label: 'Specify myself' },
      ],
    }),
    inputFieldName: p.string({
      label: 'Input field name',
      description: 'The name of the binary property holding the file',
      default: 'data',
      displayOptions: { show: { respondWith: ['binary'], responseDataSource: ['set'] } },
    }),
    options: p.collection({
      label: 'Options',
      fields: {
        responseCode: p.number({ label: 'Response code', default: 200, min: 100, max: 599, integer: true }),
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
        responseKey: p.string({
          label: 'Put response in field',
          description: 'Wrap the response JSON in an object under this field name',
          placeholder: 'e.g. data',
        }),
      },
    }),
  },
  docs: `Answers the HTTP request that started the run (the Webhook node must be set to respond "Using 'Respond to Webhook' node"). Parameters are read from the first item; the node passes its items through unchanged.

- **First incoming item** / **All incoming items**: the JSON of the first item, or an array of every item (optionally wrapped under "Put response in field").
- **JSON** / **Text**: a body you write, usually with expressions.
- **Binary file**: a file of the first item, with its content type.
- **Redirect**: a redirect (status 307 unless you set another) to the URL.
- **No data**: an empty body.

In runs not started by a webhook there is nobody to answer; the node notes that in its log and passes the items through.`,
  async run(ctx) {
    const params = ctx.params(0);
    const node = ctx.node.name;
    const headers: Record<string, string> = {};
    for (const { name, value } of params.options.responseHeaders?.entries ?? []) {
      if (name.trim() !== '') headers[name.trim().toLowerCase()] = value;
    }
    const wrap = (value: unknown) =>
      params.options.responseKey ? { [params.options.responseKey]: value } : value;
    let status = params.options.responseCode ?? 200;
    let body: WebhookResponse['body'];
    switch (params.respondWith) {
      case 'allIncomingItems':
        body = { kind: 'json', value: wrap(ctx.items.map((item) => item.json)) };
        break;
      case 'firstIncomingItem':
        body = { kind: 'json', value: wrap(ctx.items[0]?.json ?? {}) };
        break;
      case 'json':
        body = { kind: 'json', value: parseJsonBody(params.responseBody, node) };
        break;
      case 'text':
        body = { kind: 'text', value: textOf(params.responseBody) };
        break;
      case 'noData':
        body = { kind: 'none' };
        break;
      case 'redirect':
        if (params.redirectURL.trim() === '') {
          throw new GuixuError('PARAMETER_INVALID', 'Give the URL to redirect to', {
            node,
            parameter: 'redirectURL',
          });
        }
        status = params.options.responseCode ?? 307;
        headers.location = params.redirectURL.trim();
        body = { kind: 'redirect', location: params.redirectURL.trim() };
        break;
      case 'binary': {
        const ref = binaryOf(
          ctx.items[0],
          params.responseDataSource === 'set' ? params.inputFieldName : undefined,
          node,
        );
        headers['content-type'] ??= ref.mimeType;
        body = { kind: 'binary', ref };
        break;
      }
    }
    const respond = ctx.services.respondToWebhook;
    if (respond) respond({ status, headers, body });
    else ctx.log('info', 'No webhook request to respond to in this run; the response was not sent');
    return [ctx.items.map((item, index) => ({ ...item, pairedItem: { item: index } }))];
  },
});

function parseJsonBody(value: unknown, node: string): unknown {
  if (typeof value !== 'string') return value ?? {};
  if (value.trim() === '') return {};
  try {
    return JSON.parse(value);
  } catch (error) {
    throw new GuixuError('PARAMETER_INVALID', "Invalid JSON in 'Response Body' field", {
      node,
      parameter: 'responseBody',
      description: error instanceof Error ? error.message : undefined,
    });
  }
}

function textOf(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value === null || value === undefined) return '';
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}

function binaryOf(item: Item | undefined, field: string | undefined, node: string) {
  const binary = item?.binary ?? {};
  const key = field ?? Object.keys(binary)[0];
  const ref = key === undefined ? undefined : binary[key];
  if (!ref) {
    const message = field
      ? `The first item has no binary field "${field}"`
      : 'No binary data exists on the first item';
    throw new GuixuError('BINARY_MISSING', message, {
      node,
      parameter: field ? 'inputFieldName' : 'respondWith',
    });
  }
  return ref;
}

import {
  type JsonObject,
  MemoryBinaryStore,
  testNode,
  testNodeError,
  type WebhookResponse,
} from '@guixu/core';
import { describe, expect, it } from 'vitest';
import respond from './respond-to-webhook.node.ts';

async function answer(parameters: Record<string, unknown>, items: JsonObject[] = [{ a: 1 }, { a: 2 }]) {
  const sent: WebhookResponse[] = [];
  const result = await testNode(respond, {
    parameters,
    items,
    services: { respondToWebhook: (r) => sent.push(r) },
  });
  expect(sent).toHaveLength(1);
  return { response: sent[0], result };
}

describe('Respond to Webhook', () => {
  it('answers with the first item by default and passes items through', async () => {
    const { response, result } = await answer({});
    expect(response).toEqual({ status: 200, headers: {}, body: { kind: 'json', value: { a: 1 } } });
    expect(result.json).toEqual([[{ a: 1 }, { a: 2 }]]);
  });

  it('answers with all items, wrapped in a field, with code and headers', async () => {
    const { response } = await answer({
      respondWith: 'allIncomingItems',
      options: {
        responseCode: 201,
        responseKey: 'data',
        responseHeaders: { entries: [{ name: 'X-Trace', value: 't1' }] },
      },
    });
    expect(response).toEqual({
      status: 201,
      headers: { 'x-trace': 't1' },
      body: { kind: 'json', value: { data: [{ a: 1 }, { a: 2 }] } },
    });
  });

  it('answers with a JSON body written as text or as an object, and rejects bad JSON', async () => {
    expect((await answer({ respondWith: 'json', responseBody: '{"ok": true}' })).response.body).toEqual({
      kind: 'json',
      value: { ok: true },
    });
    expect((await answer({ respondWith: 'json', responseBody: { ok: 1 } })).response.body).toEqual({
      kind: 'json',
      value: { ok: 1 },
    });
    const error = await testNodeError(respond, { parameters: { respondWith: 'json', responseBody: '{ok:' } });
    expect(error).toMatchObject({
      code: 'PARAMETER_INVALID',
      message: "Invalid JSON in 'Response Body' field",
    });
  });

  it('answers with text, no data, or a redirect (307 by default)', async () => {
    expect((await answer({ respondWith: 'text', responseBody: 'OK' })).response.body).toEqual({
      kind: 'text',
      value: 'OK',
    });
    expect((await answer({ respondWith: 'noData' })).response.body).toEqual({ kind: 'none' });
    const { response } = await answer({ respondWith: 'redirect', redirectURL: 'https://example.org/thanks' });
    expect(response).toEqual({
      status: 307,
      headers: { location: 'https://example.org/thanks' },
      body: { kind: 'redirect', location: 'https://example.org/thanks' },
    });
  });

  it('answers with a binary file of the first item', async () => {
    const store = new MemoryBinaryStore();
    const ref = await store.put(new TextEncoder().encode('%PDF'), {
      mimeType: 'application/pdf',
      fileName: 'a.pdf',
    });
    const sent: WebhookResponse[] = [];
    await testNode(respond, {
      parameters: { respondWith: 'binary' },
      items: [{ json: {}, binary: { file: ref } }],
      services: { binary: store, respondToWebhook: (r) => sent.push(r) },
    });
    expect(sent[0]).toEqual({
      status: 200,
      headers: { 'content-type': 'application/pdf' },
      body: { kind: 'binary', ref },
    });
    const error = await testNodeError(respond, {
      parameters: { respondWith: 'binary', responseDataSource: 'set', inputFieldName: 'data' },
      items: [{ json: {}, binary: { file: ref } }],
    });
    expect(error).toMatchObject({
      code: 'BINARY_MISSING',
      message: 'The first item has no binary field "data"',
    });
  });

  it('notes in its log when the run was not started by a webhook', async () => {
    const result = await testNode(respond, { items: [{ a: 1 }] });
    expect(result.json).toEqual([[{ a: 1 }]]);
    expect(result.logs[0].message).toContain('No webhook request');
  });
});

import { createHmac } from 'node:crypto';
import { checkParams, testNode } from '@guixu/core';
import { describe, expect, it } from 'vitest';
import webhook, { matchWebhookPath, verifyHmacSignature, webhookConfig } from './webhook-trigger.node.ts';

function fails(run: () => unknown, parameter: string, message: string) {
  try {
    run();
  } catch (error) {
    expect(error).toMatchObject({ code: 'WEBHOOK_INVALID', parameter });
    expect((error as Error).message).toContain(message);
    return;
  }
  throw new Error('expected WEBHOOK_INVALID');
}

describe('webhookConfig', () => {
  it('reads an n8n v2 webhook with defaults', () => {
    expect(webhookConfig({ path: '/orders/:id/', httpMethod: 'post', responseMode: 'responseNode' })).toEqual(
      {
        methods: ['POST'],
        path: 'orders/:id',
        pathParams: ['id'],
        authentication: 'none',
        credentialSlot: undefined,
        responseMode: 'responseNode',
        responseCode: 200,
        responseData: 'firstEntryJson',
        responseBinaryPropertyName: 'data',
      },
    );
  });

  it('supports several methods and names the credential slot for authentication', () => {
    const config = webhookConfig({ path: 'hook', multipleMethods: true, authentication: 'headerAuth' });
    expect(config.methods).toEqual(['GET', 'POST']);
    expect(config.credentialSlot).toBe('httpHeaderAuth');
    expect(webhookConfig({ path: 'x', httpMethod: ['PUT', 'DELETE'] }).methods).toEqual(['PUT', 'DELETE']);
  });

  it('rejects bad paths, methods and response codes clearly', () => {
    fails(() => webhookConfig({ path: '' }), 'path', 'empty');
    fails(() => webhookConfig({ path: 'a b' }), 'path', 'invalid segment "a b"');
    fails(() => webhookConfig({ path: 'a/:id/:id' }), 'path', 'repeats the parameter ":id"');
    fails(
      () => webhookConfig({ path: 'a', httpMethod: 'TRACE' }),
      'httpMethod',
      'Unsupported HTTP method "TRACE"',
    );
    fails(() => webhookConfig({ path: 'a', responseCode: 99 }), 'responseCode', 'from 100 to 599');
    fails(() => webhookConfig({ path: 'a', responseMode: 'later' }), 'responseMode', 'must be one of');
  });
});

describe('matchWebhookPath', () => {
  it('extracts route parameters and rejects other paths', () => {
    expect(matchWebhookPath('orders/:id/items/:item', '/orders/42/items/a%20b')).toEqual({
      id: '42',
      item: 'a b',
    });
    expect(matchWebhookPath('orders/:id', 'orders')).toBeUndefined();
    expect(matchWebhookPath('orders/:id', 'users/1')).toBeUndefined();
    expect(matchWebhookPath('plain', 'plain/')).toEqual({});
  });
});

describe('verifyHmacSignature', () => {
  it('accepts the right signature and rejects a wrong one', () => {
    const body = '{"event":"push"}';
    const signature = createHmac('sha256', 'topsecret').update(body).digest('hex');
    const settings = { secret: 'topsecret', prefix: 'sha256=' };
    expect(verifyHmacSignature(body, `sha256=${signature}`, settings)).toBe(true);
    expect(verifyHmacSignature(body, `sha256=${signature.toUpperCase()}`, settings)).toBe(true);
    expect(verifyHmacSignature(`${body} `, `sha256=${signature}`, settings)).toBe(false);
    expect(verifyHmacSignature(body, signature, settings)).toBe(false);
    expect(verifyHmacSignature(body, undefined, settings)).toBe(false);
    const b64 = createHmac('sha512', 'k').update(body).digest('base64');
    expect(
      verifyHmacSignature(Buffer.from(body), b64, { secret: 'k', algorithm: 'sha512', encoding: 'base64' }),
    ).toBe(true);
  });
});

describe('Webhook node', () => {
  it('outputs the request item the server builds', async () => {
    const request = {
      headers: { 'content-type': 'application/json' },
      params: { id: '1' },
      query: {},
      body: { a: 1 },
    };
    const result = await testNode(webhook, { parameters: { path: 'orders/:id' }, items: [request] });
    expect(result.json).toEqual([[request]]);
  });

  it('accepts the parameter shapes of imported n8n webhooks', () => {
    for (const parameters of [
      { path: 'hubspot', options: {}, httpMethod: 'POST' },
      { path: 'webhook', options: {}, responseData: 'allEntries', responseMode: 'lastNode' },
      { path: 'x', httpMethod: ['GET', 'POST'], multipleMethods: true, authentication: 'headerAuth' },
      { path: 'x', options: { responseHeaders: { entries: [{ name: 'X-A', value: '1' }] }, rawBody: true } },
    ]) {
      expect(checkParams(webhook.params, parameters)).toEqual([]);
    }
  });
});

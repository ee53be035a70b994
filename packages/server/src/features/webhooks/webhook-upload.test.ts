import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../testing/test-app.ts';
import { BACKENDS } from '../../testing/test-database.ts';
import { activeWorkflow, chain, node } from './webhook-test-kit.ts';

const echoBinary = (path: string, options: Record<string, unknown> = {}) => [
  node('Webhook', 'guixu.webhook', { httpMethod: 'POST', path, responseMode: 'responseNode', options }),
  node('Respond', 'guixu.respondToWebhook', {
    respondWith: 'binary',
    responseDataSource: 'set',
    inputFieldName: '={{ $json.query.field }}',
  }),
];

describe.each(BACKENDS)('webhook uploads on %s', (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(kind);
    await activeWorkflow(t, echoBinary('upload'), chain(['Webhook', 'Respond']));
    await activeWorkflow(
      t,
      echoBinary('upload-named', { binaryPropertyName: 'file' }),
      chain(['Webhook', 'Respond']),
    );
    await activeWorkflow(
      t,
      [
        node('Webhook', 'guixu.webhook', { httpMethod: 'POST', path: 'fields', responseMode: 'lastNode' }),
        node('Shape', 'guixu.set', {
          mode: 'raw',
          jsonOutput: '={{ JSON.stringify({ body: $json.body, files: Object.keys($binary) }) }}',
        }),
      ],
      chain(['Webhook', 'Shape']),
    );
  });
  afterAll(async () => t.dispose());

  it('stores a multipart file in the binary store and keeps the fields in the body', async () => {
    const bytes = Buffer.from([0, 1, 2, 250, 251, 252]);
    const form = new FormData();
    form.append('title', 'report');
    form.append('doc', new Blob([bytes], { type: 'application/x-test' }), 'report.bin');
    const request = new Request('http://x/', { method: 'POST', body: form });
    const payload = Buffer.from(await request.arrayBuffer());
    const headers = { 'content-type': request.headers.get('content-type') ?? '' };
    const echoed = await t.app.inject({ method: 'POST', url: '/webhook/upload?field=doc', payload, headers });
    expect(echoed.statusCode).toBe(200);
    expect(echoed.headers['content-type']).toBe('application/x-test');
    expect(echoed.rawPayload.equals(bytes)).toBe(true);

    const described = await t.app.inject({ method: 'POST', url: '/webhook/fields', payload, headers });
    expect(described.json()).toEqual({ body: { title: 'report' }, files: ['doc'] });
    const named = await t.app.inject({
      method: 'POST',
      url: '/webhook/upload-named?field=file0',
      payload,
      headers,
    });
    expect(named.rawPayload.equals(bytes)).toBe(true);
  });

  it('stores a body of another content type as binary "data"', async () => {
    const bytes = Buffer.from('%PDF-1.4 fake', 'latin1');
    const response = await t.app.inject({
      method: 'POST',
      url: '/webhook/upload?field=data',
      payload: bytes,
      headers: { 'content-type': 'application/pdf' },
    });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('application/pdf');
    expect(response.rawPayload.equals(bytes)).toBe(true);
  });

  it.each([
    ['attachment; filename="100%.txt"', 'inline; filename="100%.txt"'],
    [
      `attachment; filename*=UTF-8''na%C3%AFve%20%E2%9C%93.txt`,
      `inline; filename="naïve ?.txt"; filename*=UTF-8''na%C3%AFve%20%E2%9C%93.txt`,
    ],
  ])('keeps the file name of %s (regression: "100%%.txt" answered 500)', async (sent, answered) => {
    const bytes = Buffer.from([1, 2, 3]);
    const response = await t.app.inject({
      method: 'POST',
      url: '/webhook/upload?field=data',
      payload: bytes,
      headers: { 'content-type': 'application/octet-stream', 'content-disposition': sent },
    });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-disposition']).toBe(answered);
    expect(response.rawPayload.equals(bytes)).toBe(true);
  });

  it('refuses a malformed multipart body with 400', async () => {
    const response = await t.app.inject({
      method: 'POST',
      url: '/webhook/upload?field=doc',
      payload: 'garbage',
      headers: { 'content-type': 'multipart/form-data; boundary=xyz' },
    });
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({ code: 'MALFORMED_MULTIPART' });
  });
});

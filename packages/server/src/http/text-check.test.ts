import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { webhookWorkflow } from '../testing/sample-workflows.ts';
import { createTestApp, type TestApp } from '../testing/test-app.ts';
import { BACKENDS } from '../testing/test-database.ts';
import { findUnstorableText } from './text-check.ts';

describe('text no database can store', () => {
  it('finds NUL characters and lone surrogates in strings and keys at any depth', () => {
    expect(findUnstorableText({ a: ['ok', { b: 'x\u0000' }] })).toEqual({
      path: 'a[1].b',
      problem: 'nul_character',
    });
    expect(findUnstorableText({ ['k\ud800']: 1 })).toEqual({ path: 'k\ud800', problem: 'lone_surrogate' });
    expect(findUnstorableText(['\udc00x'])).toEqual({ path: '[0]', problem: 'lone_surrogate' });
    expect(findUnstorableText('\ud83d')).toEqual({ path: '', problem: 'lone_surrogate' });
    // A pair is one character (an emoji), not a problem; nor is the escaped text "\u0000".
    expect(findUnstorableText({ emoji: '\ud83d\ude00', literal: '\\u0000', n: 1, t: true })).toBeUndefined();
  });
});

// Raw JSON text: the escapes reach the server as the client wrote them.
const BAD_BODIES = [
  ['name', '{"name":"a\\ud800b","nodes":[],"connections":{}}'],
  ['settings.k\\ud800', '{"name":"k","nodes":[],"connections":{},"settings":{"k\\ud800":1}}'],
  ['settings.a.b[0]', '{"name":"k","nodes":[],"connections":{},"settings":{"a":{"b":["\\udc00"]}}}'],
  ['settings.x\\u0000', '{"name":"k","nodes":[],"connections":{},"settings":{"x\\u0000":1}}'],
] as const;

describe.each(BACKENDS)('NUL and lone surrogates in requests on %s', (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(kind);
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/v1/workflows',
      payload: webhookWorkflow('Text check', `text-${kind}`),
    });
    await t.app.inject({ method: 'POST', url: `/api/v1/workflows/${created.json().id}/activate` });
  });
  afterAll(async () => t.dispose());

  it.each(BAD_BODIES)('an API body with a bad %s answers 400, not 500', async (field, payload) => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/workflows',
      payload,
      headers: { 'content-type': 'application/json' },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({
      code: 'VALIDATION_FAILED',
      details: {
        in: 'body',
        issues: [{ field, code: expect.stringMatching(/^(nul_character|lone_surrogate)$/) }],
      },
    });
  });

  it('a webhook body, query or form with such text answers 400 before anything runs', async () => {
    const call = (url: string, payload: string, type: string) =>
      t.raw.inject({ method: 'POST', url, payload, headers: { 'content-type': type } });
    const json = await call(`/webhook/text-${kind}`, '{"deep":{"k":"x\\ud800"}}', 'application/json');
    expect(json.statusCode).toBe(400);
    expect(json.json()).toMatchObject({ code: 'VALIDATION_FAILED', details: { in: 'body' } });
    const form = await call(`/webhook/text-${kind}`, 'a=%00', 'application/x-www-form-urlencoded');
    expect(form.statusCode).toBe(400);
    const query = await call(`/webhook/text-${kind}?q=%00`, '{}', 'application/json');
    expect(query.statusCode).toBe(400);
    expect(query.json()).toMatchObject({ details: { in: 'query' } });
    const boundary = 'gx-boundary';
    const multipart = await call(
      `/webhook/text-${kind}`,
      [
        `--${boundary}\r\nContent-Disposition: form-data; name="note"\r\n\r\nx\u0000y`,
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="a.txt"\r\nContent-Type: text/plain\r\n\r\nhello`,
        `--${boundary}--\r\n`,
      ].join('\r\n'),
      `multipart/form-data; boundary=${boundary}`,
    );
    expect(multipart.statusCode).toBe(400);
    expect(multipart.json()).toMatchObject({
      details: { issues: [{ field: 'note', code: 'nul_character' }] },
    });
    const fine = await call(`/webhook/text-${kind}`, '{"name":"\\ud83d\\ude00"}', 'application/json');
    expect(fine.statusCode).toBe(200);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../testing/test-app.ts';
import { BACKENDS } from '../../testing/test-database.ts';
import { activeWorkflow, api, chain, createWorkflow, node, setNode } from './webhook-test-kit.ts';

const webhook = (parameters: Record<string, unknown>, name = 'Webhook') =>
  node(name, 'guixu.webhook', { httpMethod: 'POST', ...parameters });
const respond = (parameters: Record<string, unknown>) =>
  node('Respond', 'guixu.respondToWebhook', parameters);

describe.each(BACKENDS)('webhooks on %s', (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(kind);
  });
  afterAll(async () => t.dispose());

  it('answers with the last node when it finishes', async () => {
    await activeWorkflow(
      t,
      [
        webhook({ path: 'hello', responseMode: 'lastNode' }),
        setNode('Set', 'greeting', '=Hello {{ $json.body.name }}'),
      ],
      chain(['Webhook', 'Set']),
    );
    const response = await t.app.inject({ method: 'POST', url: '/webhook/hello', payload: { name: 'Ada' } });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ greeting: 'Hello Ada' });
    expect(response.headers['x-execution-id']).toEqual(expect.any(String));
  });

  it('answers all items or no data as responseData says', async () => {
    await activeWorkflow(
      t,
      [
        webhook({ path: 'all', responseMode: 'lastNode', responseData: 'allEntries' }),
        setNode('Set', 'q', '={{ $json.query.x }}'),
      ],
      chain(['Webhook', 'Set']),
    );
    const all = await t.app.inject({ method: 'POST', url: '/webhook/all?x=1' });
    expect(all.json()).toEqual([{ q: '1' }]);
    await activeWorkflow(
      t,
      [webhook({ path: 'none', responseMode: 'lastNode', responseData: 'noData', responseCode: 204 })],
      {},
    );
    const none = await t.app.inject({ method: 'POST', url: '/webhook/none' });
    expect(none.statusCode).toBe(204);
    expect(none.body).toBe('');
  });

  it('answers immediately with the response code, custom data and headers', async () => {
    await activeWorkflow(
      t,
      [
        webhook({
          path: 'now',
          responseMode: 'onReceived',
          responseCode: 202,
          options: {
            responseData: 'accepted',
            responseHeaders: { entries: [{ name: 'X-Reply', value: 'yes' }] },
          },
        }),
      ],
      {},
    );
    const response = await t.app.inject({ method: 'POST', url: '/webhook/now', payload: {} });
    expect(response.statusCode).toBe(202);
    expect(response.body).toBe('accepted');
    expect(response.headers['x-reply']).toBe('yes');
    await activeWorkflow(t, [webhook({ path: 'now-default' })], {});
    const plain = await t.app.inject({ method: 'POST', url: '/webhook/now-default' });
    expect(plain.json()).toEqual({ message: 'Workflow was started' });
  });

  it('answers through a Respond to Webhook node, and fails when the run never reaches it', async () => {
    await activeWorkflow(
      t,
      [
        webhook({ path: 'respond', responseMode: 'responseNode' }),
        respond({
          respondWith: 'text',
          responseBody: '=Created {{ $json.body.id }}',
          options: {
            responseCode: 201,
            responseHeaders: { entries: [{ name: 'content-type', value: 'text/csv' }] },
          },
        }),
      ],
      chain(['Webhook', 'Respond']),
    );
    const response = await t.app.inject({ method: 'POST', url: '/webhook/respond', payload: { id: 7 } });
    expect(response.statusCode).toBe(201);
    expect(response.headers['content-type']).toBe('text/csv');
    expect(response.body).toBe('Created 7');

    await activeWorkflow(
      t,
      [
        webhook({ path: 'respond-never', responseMode: 'responseNode' }),
        node('Filter', 'guixu.filter', {
          conditions: {
            combinator: 'and',
            conditions: [
              {
                leftValue: '={{ $json.body.go }}',
                rightValue: true,
                operator: { type: 'boolean', operation: 'true' },
              },
            ],
          },
        }),
        respond({ respondWith: 'noData' }),
      ],
      chain(['Webhook', 'Filter', 'Respond']),
    );
    const never = await t.app.inject({
      method: 'POST',
      url: '/webhook/respond-never',
      payload: { go: false },
    });
    expect(never.statusCode).toBe(500);
    expect(never.json()).toMatchObject({ code: 'WEBHOOK_NO_RESPONSE' });
    const redirect = await activeWorkflow(
      t,
      [
        webhook({ path: 'go', responseMode: 'responseNode' }),
        respond({ respondWith: 'redirect', redirectURL: 'http://127.0.0.1/next' }),
      ],
      chain(['Webhook', 'Respond']),
    );
    expect(redirect).toEqual(expect.any(String));
    const moved = await t.app.inject({ method: 'POST', url: '/webhook/go' });
    expect(moved.statusCode).toBe(307);
    expect(moved.headers.location).toBe('http://127.0.0.1/next');
  });

  it('reports a failing workflow as EXECUTION_FAILED with the node', async () => {
    await activeWorkflow(
      t,
      [
        webhook({ path: 'fails', responseMode: 'lastNode' }),
        node('Stop', 'guixu.stopAndError', { errorMessage: 'nope' }),
      ],
      chain(['Webhook', 'Stop']),
    );
    const response = await t.app.inject({ method: 'POST', url: '/webhook/fails' });
    expect(response.statusCode).toBe(500);
    expect(response.json()).toMatchObject({ code: 'EXECUTION_FAILED', details: { error: { node: 'Stop' } } });
  });

  it('matches path parameters, with static paths winning', async () => {
    await activeWorkflow(
      t,
      [
        webhook({ path: 'orders/:id', httpMethod: 'GET', responseMode: 'lastNode' }),
        setNode('Set', 'order', '={{ $json.params.id }}'),
      ],
      chain(['Webhook', 'Set']),
    );
    await activeWorkflow(
      t,
      [
        webhook({ path: 'orders/new', httpMethod: 'GET', responseMode: 'lastNode' }),
        setNode('Set', 'order', 'static'),
      ],
      chain(['Webhook', 'Set']),
    );
    expect((await t.app.inject({ method: 'GET', url: '/webhook/orders/42' })).json()).toEqual({
      order: '42',
    });
    expect((await t.app.inject({ method: 'GET', url: '/webhook/orders/a%20b/' })).json()).toEqual({
      order: 'a b',
    });
    expect((await t.app.inject({ method: 'GET', url: '/webhook/orders/new' })).json()).toEqual({
      order: 'static',
    });
  });

  it('refuses a method + path another workflow uses, without naming that workflow, including colliding dynamic paths', async () => {
    const first = await activeWorkflow(t, [webhook({ path: 'taken' })], {});
    const second = await createWorkflow(t, [webhook({ path: '/taken/' }, 'Hook')], {});
    const refused = await api(t, 'POST', `/api/v1/workflows/${second}/activate`);
    expect(refused.status).toBe(409);
    expect(refused.body).toMatchObject({
      code: 'WEBHOOK_PATH_TAKEN',
      details: { node: 'Hook', parameter: 'path', takenBy: { path: 'taken' } },
    });
    // The other workflow may be another tenant's: neither its id nor its node name is given away.
    expect(JSON.stringify(refused.body)).not.toContain(first);
    expect(JSON.stringify(refused.body)).not.toContain('"Webhook"');

    await activeWorkflow(t, [webhook({ path: 'items/:id' })], {});
    const dynamic = await createWorkflow(t, [webhook({ path: 'items/:itemId' })], {});
    expect((await api(t, 'POST', `/api/v1/workflows/${dynamic}/activate`)).status).toBe(409);

    // Another method on the same path is free; so is a re-activation of the owner.
    const other = await createWorkflow(t, [webhook({ path: 'taken', httpMethod: 'GET' })], {});
    expect((await api(t, 'POST', `/api/v1/workflows/${other}/activate`)).status).toBe(200);
    expect((await api(t, 'POST', `/api/v1/workflows/${first}/activate`)).status).toBe(200);
    const listed = await api(t, 'GET', `/api/v1/webhooks?workflowId=${first}`);
    expect(listed.body).toEqual({
      data: [
        {
          method: 'POST',
          path: 'taken',
          url: expect.stringMatching(/\/webhook\/taken$/),
          workflowId: first,
          node: 'Webhook',
        },
      ],
    });
  });

  it('stops answering when the workflow is deactivated or deleted', async () => {
    const id = await activeWorkflow(t, [webhook({ path: 'short-lived' })], {});
    expect((await t.app.inject({ method: 'POST', url: '/webhook/short-lived' })).statusCode).toBe(200);
    await api(t, 'POST', `/api/v1/workflows/${id}/deactivate`);
    expect((await t.app.inject({ method: 'POST', url: '/webhook/short-lived' })).statusCode).toBe(404);
    await api(t, 'POST', `/api/v1/workflows/${id}/activate`);
    await api(t, 'DELETE', `/api/v1/workflows/${id}`);
    expect((await t.app.inject({ method: 'POST', url: '/webhook/short-lived' })).statusCode).toBe(404);
    // The path is free again.
    await activeWorkflow(t, [webhook({ path: 'short-lived' })], {});
  });

  it('answers 404 with a hint for unknown webhooks and other methods', async () => {
    const unknown = await t.app.inject({ method: 'PUT', url: '/webhook/nothing/here' });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json()).toMatchObject({
      code: 'WEBHOOK_NOT_FOUND',
      details: { method: 'PUT', path: 'nothing/here' },
    });
    expect(unknown.json().message).toContain('PUT /webhook/nothing/here');
    await activeWorkflow(t, [webhook({ path: 'post-only' })], {});
    const wrong = await t.app.inject({ method: 'GET', url: '/webhook/post-only' });
    expect(wrong.statusCode).toBe(404);
    expect(wrong.json()).toMatchObject({ details: { allowedMethods: ['POST'] } });
  });

  it('refuses an invalid webhook at activation, naming node and parameter', async () => {
    const id = await createWorkflow(t, [webhook({ path: 'bad path!?' })], {});
    const refused = await api(t, 'POST', `/api/v1/workflows/${id}/activate`);
    expect(refused.status).toBe(400);
    expect(refused.body).toMatchObject({ details: { node: 'Webhook', parameter: 'path' } });
    const noRespond = await createWorkflow(t, [webhook({ path: 'x1', responseMode: 'responseNode' })], {});
    const refused2 = await api(t, 'POST', `/api/v1/workflows/${noRespond}/activate`);
    expect(refused2.body).toMatchObject({ code: 'WEBHOOK_INVALID', details: { parameter: 'responseMode' } });
  });

  it('answers CORS preflights for allowed origins only', async () => {
    await activeWorkflow(
      t,
      [webhook({ path: 'cors', options: { allowedOrigins: 'https://app.example' } })],
      {},
    );
    const ok = await t.app.inject({
      method: 'OPTIONS',
      url: '/webhook/cors',
      headers: {
        origin: 'https://app.example',
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'content-type',
      },
    });
    expect(ok.statusCode).toBe(204);
    expect(ok.headers['access-control-allow-origin']).toBe('https://app.example');
    expect(ok.headers['access-control-allow-methods']).toContain('POST');
    expect(ok.headers['access-control-allow-headers']).toBe('content-type');
    const refused = await t.app.inject({
      method: 'OPTIONS',
      url: '/webhook/cors',
      headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST' },
    });
    expect(refused.headers['access-control-allow-origin']).toBeUndefined();
    const call = await t.app.inject({
      method: 'POST',
      url: '/webhook/cors',
      headers: { origin: 'https://app.example' },
    });
    expect(call.headers['access-control-allow-origin']).toBe('https://app.example');
  });

  it('ignores bots when asked to', async () => {
    await activeWorkflow(t, [webhook({ path: 'no-bots', options: { ignoreBots: true } })], {});
    const bot = await t.app.inject({
      method: 'POST',
      url: '/webhook/no-bots',
      headers: { 'user-agent': 'Slackbot-LinkExpanding 1.0 (+https://api.slack.com/robots)' },
    });
    expect(bot.statusCode).toBe(403);
    const human = await t.app.inject({
      method: 'POST',
      url: '/webhook/no-bots',
      headers: { 'user-agent': 'Mozilla/5.0 (X11; Linux x86_64) Firefox/140.0' },
    });
    expect(human.statusCode).toBe(200);
  });

  it('parses form, text and malformed JSON bodies', async () => {
    await activeWorkflow(
      t,
      [
        webhook({ path: 'echo', responseMode: 'lastNode' }),
        node('Body', 'guixu.set', {
          mode: 'raw',
          jsonOutput: '={{ JSON.stringify({ body: $json.body }) }}',
        }),
      ],
      chain(['Webhook', 'Body']),
    );
    const form = await t.app.inject({
      method: 'POST',
      url: '/webhook/echo',
      payload: 'a=1&a=2&b=x+y',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(form.json()).toEqual({ body: { a: ['1', '2'], b: 'x y' } });
    const text = await t.app.inject({
      method: 'POST',
      url: '/webhook/echo',
      payload: '<a>1</a>',
      headers: { 'content-type': 'application/xml' },
    });
    expect(text.json()).toEqual({ body: '<a>1</a>' });
    const bad = await t.app.inject({
      method: 'POST',
      url: '/webhook/echo',
      payload: '{"a":',
      headers: { 'content-type': 'application/json' },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({ code: 'MALFORMED_JSON' });
  });

  it('listens for one test call with the unsaved document, in manual mode', async () => {
    const id = await createWorkflow(t, [webhook({ path: 'saved-path' })], {});
    const listen = await api(t, 'POST', `/api/v1/workflows/${id}/webhook-test/listen`, {
      workflow: {
        nodes: [
          webhook({ path: 'draft', responseMode: 'lastNode' }),
          setNode('Set', 'mode', '={{ $execution.mode }}'),
        ],
        connections: chain(['Webhook', 'Set']),
      },
      timeoutSeconds: 60,
    });
    expect(listen.status).toBe(200);
    expect(listen.body).toMatchObject({
      workflowId: id,
      webhooks: [{ method: 'POST', path: 'draft', url: expect.stringMatching(/\/webhook-test\/draft$/) }],
    });
    expect((await t.app.inject({ method: 'POST', url: '/webhook/draft' })).statusCode).toBe(404);
    const first = await t.app.inject({ method: 'POST', url: '/webhook-test/draft' });
    expect(first.statusCode).toBe(200);
    // n8n's $execution.mode says 'test' for manual runs.
    expect(first.json()).toEqual({ mode: 'test' });
    const second = await t.app.inject({ method: 'POST', url: '/webhook-test/draft' });
    expect(second.statusCode).toBe(404);
    expect(second.json().message).toContain('Listen for test event');

    await api(t, 'POST', `/api/v1/workflows/${id}/webhook-test/listen`, {});
    expect((await api(t, 'DELETE', `/api/v1/workflows/${id}/webhook-test/listen`)).status).toBe(204);
    expect((await t.app.inject({ method: 'POST', url: '/webhook-test/saved-path' })).statusCode).toBe(404);
    const missing = await api(t, 'POST', '/api/v1/workflows/nope/webhook-test/listen', {});
    expect(missing.status).toBe(404);
  });
});

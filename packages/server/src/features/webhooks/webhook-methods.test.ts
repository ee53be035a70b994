import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../testing/test-app.ts';
import { activeWorkflow, node, setNode } from './webhook-test-kit.ts';

/**
 * A Webhook with "Allow multiple HTTP methods" has one output per method, in the
 * order listed, and each request leaves on its method's output (n8n's documented
 * behaviour for Webhook v2 `multipleMethods`).
 */
describe('a webhook with several HTTP methods', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp('sqlite');
    await activeWorkflow(
      t,
      [
        node('Webhook', 'guixu.webhook', {
          path: 'both',
          multipleMethods: true,
          httpMethod: ['POST', 'GET'],
          responseMode: 'lastNode',
        }),
        setNode('On POST', 'said', '=posted {{ $json.body.name }}'),
        setNode('On GET', 'said', '=got {{ $json.query.name }}'),
      ],
      {
        Webhook: {
          main: [[{ node: 'On POST', type: 'main', index: 0 }], [{ node: 'On GET', type: 'main', index: 0 }]],
        },
      },
    );
  });
  afterAll(async () => t.dispose());

  it('routes each request to its method output, and only that branch runs', async () => {
    const got = await t.app.inject({ method: 'GET', url: '/webhook/both?name=Ada' });
    expect(got.statusCode).toBe(200);
    expect(got.json()).toEqual({ said: 'got Ada' });

    const posted = await t.app.inject({
      method: 'POST',
      url: '/webhook/both',
      payload: JSON.stringify({ name: 'Lin' }),
      headers: { 'content-type': 'application/json' },
    });
    expect(posted.statusCode).toBe(200);
    expect(posted.json()).toEqual({ said: 'posted Lin' });

    const id = posted.headers['x-execution-id'];
    const execution = await t.app.inject({ method: 'GET', url: `/api/v1/executions/${id}?includeData=true` });
    const { runData } = execution.json() as { runData: Record<string, { output: unknown[][] }[]> };
    expect(Object.keys(runData).sort()).toEqual(['On POST', 'Webhook']);
    // POST is listed first, so it is output 0; the GET output stays empty.
    expect(runData.Webhook[0].output.map((items) => items.length)).toEqual([1, 0]);
  });

  it('answers only the listed methods', async () => {
    const put = await t.app.inject({ method: 'PUT', url: '/webhook/both' });
    expect(put.statusCode).toBe(404);
  });
});

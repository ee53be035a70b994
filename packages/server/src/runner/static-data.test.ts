import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { activeWorkflow, api, node } from '../features/webhooks/webhook-test-kit.ts';
import { createTestApp, type TestApp } from '../testing/test-app.ts';
import { BACKENDS } from '../testing/test-database.ts';

/**
 * `$getWorkflowStaticData` (n8n's documented behaviour): the data is kept per
 * workflow between production executions, saved when an execution succeeds;
 * a manual (test) run does not save it.
 */
describe.each(BACKENDS)('workflow static data on %s', (kind) => {
  let t: TestApp;
  let workflowId: string;
  beforeAll(async () => {
    t = await createTestApp(kind);
    workflowId = await activeWorkflow(
      t,
      [
        node('Webhook', 'guixu.webhook', { httpMethod: 'POST', path: 'count', responseMode: 'lastNode' }),
        node(
          'Count',
          'guixu.code',
          {
            jsCode: `const data = $getWorkflowStaticData('global');
if ($input.first().json.body.fail) throw new Error('failing on purpose');
data.count = (data.count ?? 0) + 1;
return [{ count: data.count }];`,
          },
          { typeVersion: 2 },
        ),
        node('Read', 'guixu.set', {
          mode: 'manual',
          includeOtherFields: true,
          assignments: {
            assignments: [
              {
                id: 'a1',
                name: 'read',
                type: 'number',
                value: "={{ $getWorkflowStaticData('global').count }}",
              },
            ],
          },
        }),
      ],
      {
        Webhook: { main: [[{ node: 'Count', type: 'main', index: 0 }]] },
        Count: { main: [[{ node: 'Read', type: 'main', index: 0 }]] },
      },
    );
  });
  afterAll(async () => t.dispose());

  const call = async (body: Record<string, unknown> = {}) => {
    const response = await t.app.inject({
      method: 'POST',
      url: '/webhook/count',
      payload: JSON.stringify(body),
      headers: { 'content-type': 'application/json' },
    });
    return { status: response.statusCode, body: response.json() as Record<string, unknown> };
  };

  it('keeps the data between executions, and not from a failed one or a manual run', async () => {
    expect(await call()).toEqual({ status: 200, body: { count: 1, read: 1 } });
    expect(await call()).toEqual({ status: 200, body: { count: 2, read: 2 } });
    expect((await call({ fail: true })).status).toBe(500);
    const manual = await api(t, 'POST', `/api/v1/workflows/${workflowId}/run`, {
      input: { body: {} },
      wait: true,
    });
    expect(manual.body).toMatchObject({ status: 'success' });
    expect(await call()).toEqual({ status: 200, body: { count: 3, read: 3 } });
  });
});

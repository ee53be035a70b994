import { executionDetailSchema, executionPageSchema } from '@guixu/api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { webhookWorkflow } from '../../testing/sample-workflows.ts';
import { createTestApp, type TestApp } from '../../testing/test-app.ts';

/** The output panel previews and downloads binary attachments through this route. */
describe("downloading an execution's binary attachment", () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp('sqlite');
  });
  afterAll(async () => t.dispose());

  const json = (body: string): unknown => (body === '' ? undefined : JSON.parse(body));

  it('serves the bytes of a stored attachment as a download, and 400 for a place without one', async () => {
    const path = `binary-${Math.random().toString(36).slice(2)}`;
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/v1/workflows',
      payload: webhookWorkflow('Upload', path),
    });
    const { id } = json(created.body) as { id: string };
    expect((await t.app.inject({ method: 'POST', url: `/api/v1/workflows/${id}/activate` })).statusCode).toBe(
      200,
    );

    const svg = '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>';
    const called = await t.app.inject({
      method: 'POST',
      url: `/webhook/${path}`,
      payload: svg,
      headers: { 'content-type': 'image/svg+xml', 'content-disposition': 'attachment; filename="logo.svg"' },
    });
    expect(called.statusCode).toBe(200);
    const page = executionPageSchema.parse(
      json((await t.app.inject({ method: 'GET', url: `/api/v1/executions?workflowId=${id}` })).body),
    );
    const executionId = page.data[0]?.id ?? '';
    const detail = executionDetailSchema.parse(
      json((await t.app.inject({ method: 'GET', url: `/api/v1/executions/${executionId}` })).body),
    );
    expect(detail.runData.Webhook?.[0]?.output[0]?.[0]?.binary?.data).toMatchObject({
      mimeType: 'image/svg+xml',
    });

    const url = `/api/v1/executions/${executionId}/binary?node=Webhook&item=0&key=data`;
    const download = await t.app.inject({ method: 'GET', url });
    expect(download.statusCode).toBe(200);
    expect(download.body).toBe(svg);
    expect(download.headers['content-type']).toBe('image/svg+xml');
    expect(download.headers['content-disposition']).toBe('attachment; filename="logo.svg"');
    expect(download.headers['x-content-type-options']).toBe('nosniff');
    expect(download.headers['content-security-policy']).toContain('sandbox');

    const missing = await t.app.inject({ method: 'GET', url: `${url.replace('key=data', 'key=other')}` });
    expect(missing.statusCode).toBe(400);
    expect(json(missing.body)).toMatchObject({ code: 'BINARY_LOCATION_INVALID' });
    for (const odd of ['key=__proto__', 'key=constructor']) {
      const probe = await t.app.inject({ method: 'GET', url: url.replace('key=data', odd) });
      expect(probe.statusCode).toBe(400);
    }
    const oddNode = await t.app.inject({ method: 'GET', url: url.replace('node=Webhook', 'node=__proto__') });
    expect(oddNode.statusCode).toBe(400);
    const noExecution = await t.app.inject({
      method: 'GET',
      url: '/api/v1/executions/nope/binary?node=Webhook&item=0&key=data',
    });
    expect(noExecution.statusCode).toBe(404);
  });
});

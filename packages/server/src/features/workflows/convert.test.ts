import { convertWorkflowResultSchema } from '@guixu/api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../testing/test-app.ts';

/** What n8n's editor puts on the clipboard when nodes are copied: nodes and connections by name, no workflow name. */
const n8nClipboard = {
  nodes: [
    {
      parameters: {
        assignments: {
          assignments: [{ id: 'a1', name: 'greeting', value: '=Hello {{ $json.name }}', type: 'string' }],
        },
        options: {},
      },
      id: '2b8f6c1e-8a7d-4a3b-9c55-0c1f4d6d2e11',
      name: 'Edit Fields',
      type: 'n8n-nodes-base.set',
      typeVersion: 3.4,
      position: [220, 0],
    },
    {
      parameters: {},
      id: '9c8f6c1e-8a7d-4a3b-9c55-0c1f4d6d2e12',
      name: 'No Operation, do nothing',
      type: 'n8n-nodes-base.noOp',
      typeVersion: 1,
      position: [440, 0],
    },
  ],
  connections: {
    'Edit Fields': { main: [[{ node: 'No Operation, do nothing', type: 'main', index: 0 }]] },
  },
  pinData: {},
  meta: { instanceId: 'abc' },
};

describe('converting copied nodes and workflow files without saving', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp('sqlite');
  });
  afterAll(async () => t.dispose());

  async function convert(payload: unknown) {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/workflows/convert',
      payload: JSON.stringify(payload),
      headers: { 'content-type': 'application/json' },
    });
    return { status: res.statusCode, body: JSON.parse(res.body) as unknown };
  }

  it("maps n8n's clipboard (as text) to GuixuFlow nodes with the report, and saves nothing", async () => {
    const before = await t.app.inject({ method: 'GET', url: '/api/v1/workflows' });
    const { status, body } = await convert({ workflow: JSON.stringify(n8nClipboard) });
    expect(status).toBe(200);
    const result = convertWorkflowResultSchema.parse(body);
    expect(result.format).toBe('n8n');
    expect(result.workflow.nodes.map((n) => [n.name, n.type])).toEqual([
      ['Edit Fields', 'guixu.set'],
      ['No Operation, do nothing', 'guixu.noOp'],
    ]);
    expect(result.workflow.connections['Edit Fields']?.main?.[0]?.[0]?.node).toBe('No Operation, do nothing');
    expect(result.report?.nodes.map((n) => n.status)).toEqual(['mapped', 'mapped']);
    const after = await t.app.inject({ method: 'GET', url: '/api/v1/workflows' });
    expect(JSON.parse(after.body).total).toBe(JSON.parse(before.body).total);
  });

  it('answers 400 for text that is no workflow', async () => {
    const { status, body } = await convert({ workflow: 'just some words: [' });
    expect(status).toBe(400);
    expect(body).toMatchObject({ code: 'IMPORT_INVALID' });
  });
});

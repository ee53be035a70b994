import type { Workflow } from '@guixu/core';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../testing/test-app.ts';
import { BACKENDS } from '../testing/test-database.ts';

describe.each(BACKENDS)('runs in a project on %s', (kind) => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp(kind);
  });
  afterAll(async () => t.dispose());

  it("gives a stored workflow's run its project's $vars (secret ones decrypted) and records the project", async () => {
    const { db } = t.ctx.database;
    const now = new Date().toISOString();
    await sql`insert into projects (id, name, kind, owner_id, created_at, updated_at)
      values ('p-vars', 'Vars', 'team', null, ${now}, ${now})`.execute(db);
    const variables = t.ctx.services.get('variables');
    await variables.create({ projectId: 'p-vars', key: 'greeting', value: 'Hi', secret: false });
    await variables.create({ projectId: 'p-vars', key: 'token', value: 's3cret', secret: true });
    const workflow: Workflow = {
      name: 'Uses vars',
      nodes: [
        {
          id: 'a',
          name: 'Start',
          type: 'guixu.manualTrigger',
          typeVersion: 1,
          position: [0, 0],
          parameters: {},
        },
        {
          id: 'b',
          name: 'Set',
          type: 'guixu.set',
          typeVersion: 1,
          position: [200, 0],
          parameters: {
            mode: 'manual',
            assignments: {
              assignments: [
                {
                  id: 'x',
                  name: 'text',
                  type: 'string',
                  value: "={{ $vars.greeting ?? '-' }} {{ ($vars.token ?? '').length }}",
                },
              ],
            },
          },
        },
      ],
      connections: { Start: { main: [[{ node: 'Set', type: 'main', index: 0 }]] } },
      settings: {},
    };
    const created = await t.app.inject({ method: 'POST', url: '/api/v1/workflows', payload: workflow });
    const workflowId: unknown = JSON.parse(created.body).id;
    if (typeof workflowId !== 'string') throw new Error(created.body);
    await db.updateTable('workflows').set({ project_id: 'p-vars' }).where('id', '=', workflowId).execute();

    const runner = t.ctx.services.get('executions');
    const handle = await runner.start({ workflow, workflowId, workflowVersion: 1, mode: 'manual' });
    const state = await handle.finished;
    expect(state.runData.Set?.[0]?.data?.main[0]?.[0]?.json).toEqual({ text: 'Hi 6' });
    expect((await runner.store.findRow(handle.executionId))?.project_id).toBe('p-vars');

    // A run outside any project sees no variables.
    const inline = await runner.start({ workflow, mode: 'manual' });
    expect((await inline.finished).runData.Set?.[0]?.data?.main[0]?.[0]?.json).toEqual({ text: '- 0' });
  });
});

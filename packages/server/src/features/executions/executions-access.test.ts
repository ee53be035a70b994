import { executionPageSchema, executionStartedSchema } from '@guixu/api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { manualSetWorkflow } from '../../runner/test-workflows.ts';
import { addMember, createProject, createUser } from '../../security/testing/identities.ts';
import { createTestApp, type TestApp } from '../../testing/test-app.ts';
import { BACKENDS } from '../../testing/test-database.ts';

describe.each(BACKENDS)('executions are visible by project on %s', (kind) => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp(kind);
  });
  afterAll(async () => t.dispose());

  it('lists and opens only the executions of projects the caller belongs to', async () => {
    const owner = t.owner;
    if (!owner) throw new Error('the test app signs in as its owner');
    const projectA = await createProject(t.app, owner, 'A');
    const projectB = await createProject(t.app, owner, 'B');
    const member = await createUser(t.app, owner, `member-${kind}@example.com`);
    await addMember(t.app, owner, projectA, member.userId, 'editor');

    const runIn = async (projectId: string) => {
      const w = manualSetWorkflow(`In ${projectId}`);
      const created = await t.app.inject({
        method: 'POST',
        url: '/api/v1/workflows',
        payload: { name: w.name, nodes: w.nodes, connections: w.connections },
      });
      const id = z.object({ id: z.string() }).parse(JSON.parse(created.body)).id;
      await t.ctx.database.db
        .updateTable('workflows')
        .set({ project_id: projectId })
        .where('id', '=', id)
        .execute();
      const run = await t.app.inject({
        method: 'POST',
        url: `/api/v1/workflows/${id}/run`,
        payload: { wait: true },
      });
      return executionStartedSchema.parse(JSON.parse(run.body)).executionId;
    };
    const inA = await runIn(projectA);
    const inB = await runIn(projectB);

    const asMember = await t.app.inject({
      method: 'GET',
      url: '/api/v1/executions',
      headers: member.headers,
    });
    expect(executionPageSchema.parse(JSON.parse(asMember.body)).data.map((e) => e.id)).toEqual([inA]);
    const asOwner = await t.app.inject({ method: 'GET', url: '/api/v1/executions' });
    expect(
      executionPageSchema
        .parse(JSON.parse(asOwner.body))
        .data.map((e) => e.id)
        .sort(),
    ).toEqual([inA, inB].sort());
    const hidden = await t.app.inject({
      method: 'GET',
      url: `/api/v1/executions/${inB}`,
      headers: member.headers,
    });
    expect(hidden.statusCode).toBe(404);
    const visible = await t.app.inject({
      method: 'GET',
      url: `/api/v1/executions/${inA}`,
      headers: member.headers,
    });
    expect(visible.statusCode).toBe(200);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../../ids.ts';
import { feature as instanceSettings } from '../instance-settings/plugin.ts';
import {
  addMember,
  createProject,
  createUser,
  type Identity,
  json,
  setupOwner,
} from '../../security/testing/identities.ts';
import { BACKENDS } from '../../testing/test-database.ts';
import { createTestApp, type TestApp } from '../../testing/test-app.ts';

interface OverviewBody {
  workflows: { total: number; active: number };
  executions: { total: number; success: number; error: number; successRate: number | null };
  perDay: { day: string; success: number; error: number; other: number }[];
  recentFailures: { workflowName: string | null; message: string | null }[];
  activeWorkflows: { name: string }[];
}

describe.each(BACKENDS)('overview on %s', (kind) => {
  let t: TestApp;
  let owner: Identity;
  let member: Identity;
  let team: string;
  let other: string;

  async function workflow(projectId: string, name: string): Promise<string> {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/workflows',
      headers: owner.headers,
      payload: { name, projectId },
    });
    expect(res.statusCode).toBe(201);
    return (json(res) as { id: string }).id;
  }

  async function execution(projectId: string, workflowId: string, status: string, daysAgo: number) {
    const at = new Date(Date.now() - daysAgo * 86_400_000).toISOString();
    const { adapter } = t.ctx.database;
    await t.ctx.database.db
      .insertInto('executions')
      .values({
        id: newId(),
        project_id: projectId,
        workflow_id: workflowId,
        workflow_version: 1,
        workflow_data: null,
        status,
        mode: 'manual',
        trigger: adapter.json({}),
        parent_execution_id: null,
        retry_of: null,
        started_at: at,
        finished_at: at,
        duration_ms: 5,
        wait_till: null,
        error: status === 'error' ? adapter.json({ message: 'Order 42 is not allowed' }) : null,
        run_state: null,
        instance_id: null,
        heartbeat_at: null,
        created_at: at,
      })
      .execute();
  }

  beforeAll(async () => {
    t = await createTestApp(kind, { auth: 'none' });
    owner = await setupOwner(t.app);
    member = await createUser(t.app, owner, 'viewer@example.com');
    team = await createProject(t.app, owner, 'Team');
    other = await createProject(t.app, owner, 'Other');
    await addMember(t.app, owner, team, member.userId, 'viewer');
    const orders = await workflow(team, 'Orders');
    await workflow(team, 'Drafts');
    const hidden = await workflow(other, 'Hidden');
    await t.ctx.database.db
      .updateTable('workflows')
      .set({ active: t.ctx.database.adapter.bool(true) })
      .where('id', '=', orders)
      .execute();
    await execution(team, orders, 'success', 0);
    await execution(team, orders, 'success', 1);
    await execution(team, orders, 'error', 1);
    await execution(team, orders, 'running', 0);
    await execution(team, orders, 'success', 40);
    await execution(other, hidden, 'error', 0);
  });
  afterAll(async () => {
    await t.dispose();
  });

  const overview = async (who: Identity, query = '') => {
    const res = await t.app.inject({ method: 'GET', url: `/api/v1/overview${query}`, headers: who.headers });
    expect(res.statusCode).toBe(200);
    return json(res) as OverviewBody;
  };

  it('counts a project: workflows, runs in the range, success rate, runs per day, failures, active workflows', async () => {
    const body = await overview(owner, `?projectId=${team}&days=7`);
    expect(body.workflows).toEqual({ total: 2, active: 1 });
    expect(body.executions).toEqual({ total: 4, success: 2, error: 1, successRate: 2 / 3 });
    expect(body.perDay).toHaveLength(7);
    const today = body.perDay.at(-1);
    const yesterday = body.perDay.at(-2);
    expect(today).toMatchObject({ success: 1, error: 0, other: 1 });
    expect(yesterday).toMatchObject({ success: 1, error: 1, other: 0 });
    expect(today?.day).toBe(new Date().toISOString().slice(0, 10));
    expect(body.recentFailures).toEqual([
      expect.objectContaining({ workflowName: 'Orders', message: 'Order 42 is not allowed' }),
    ]);
    expect(body.activeWorkflows.map((w) => w.name)).toEqual(['Orders']);
  });

  it('shows a member only the projects they belong to', async () => {
    const all = await overview(member);
    expect(all.executions.total).toBe(4);
    expect(all.recentFailures.map((f) => f.workflowName)).toEqual(['Orders']);
    const hidden = await t.app.inject({
      method: 'GET',
      url: `/api/v1/overview?projectId=${other}`,
      headers: member.headers,
    });
    expect(hidden.statusCode).toBe(404);
    const everything = await overview(owner);
    expect(everything.executions.total).toBe(5);
  });

  it('lets the owner change execution retention; admins read it, members may not', async () => {
    const admin = await createUser(t.app, owner, `admin-${kind}@example.com`, 'admin');
    const read = await t.app.inject({
      method: 'GET',
      url: '/api/v1/settings/instance',
      headers: admin.headers,
    });
    expect(read.statusCode).toBe(200);
    expect(json(read)).toMatchObject({ retentionSource: 'environment', retention: { maxAgeDays: 14 } });
    const denied = await t.app.inject({
      method: 'PUT',
      url: '/api/v1/settings/instance/retention',
      headers: admin.headers,
      payload: { maxAgeDays: 3, maxCount: 100 },
    });
    expect(denied.statusCode).toBe(403);
    const memberRead = await t.app.inject({
      method: 'GET',
      url: '/api/v1/settings/instance',
      headers: member.headers,
    });
    expect(memberRead.statusCode).toBe(403);
    const saved = await t.app.inject({
      method: 'PUT',
      url: '/api/v1/settings/instance/retention',
      headers: owner.headers,
      payload: { maxAgeDays: 3, maxCount: 100 },
    });
    expect(saved.statusCode).toBe(200);
    expect(json(saved)).toMatchObject({
      retentionSource: 'saved',
      retention: { maxAgeDays: 3, maxCount: 100 },
    });
    expect(t.ctx.config.retention).toMatchObject({ maxAgeDays: 3, maxCount: 100 });
    const bad = await t.app.inject({
      method: 'PUT',
      url: '/api/v1/settings/instance/retention',
      headers: owner.headers,
      payload: { maxAgeDays: -1, maxCount: 100 },
    });
    expect(bad.statusCode).toBe(400);

    // After a restart the saved value wins over the environment again.
    Object.assign(t.ctx.config.retention, { maxAgeDays: 14, maxCount: 10_000 });
    await instanceSettings.start?.(t.ctx);
    expect(t.ctx.config.retention).toMatchObject({ maxAgeDays: 3, maxCount: 100 });
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../app.ts';
import { openDatabase } from '../../db/open.ts';
import { createLogger } from '../../logger.ts';
import { createTestApp, type TestApp } from '../../testing/test-app.ts';
import { BACKENDS } from '../../testing/test-database.ts';
import { activeWorkflow, api, chain, createWorkflow, node, setNode } from '../webhooks/webhook-test-kit.ts';
import { eventually, everySecond, scheduledTicks } from './schedule-test-kit.ts';

describe.each(BACKENDS)('schedules on %s', (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(kind);
    await t.ctx.services.get('triggers').schedules.start();
  });
  afterAll(async () => {
    await t.ctx.services.get('triggers').schedules.stop();
    await t.dispose();
  });

  it('fires every second with the schedule item, once per tick, until deactivated', async () => {
    const id = await activeWorkflow(
      t,
      [everySecond(), setNode('Set', 'at', '={{ $json.timestamp }}')],
      chain(['Schedule', 'Set']),
      { timezone: 'Asia/Shanghai' },
    );
    const ticks = await eventually(
      async () => {
        const found = await scheduledTicks(t.ctx.database, id);
        return found.length >= 3 ? found : undefined;
      },
      60_000,
      'three scheduled runs',
    );
    expect(new Set(ticks).size).toBe(ticks.length);
    for (const tick of ticks) expect(tick).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.000Z$/);
    // The first run that finished (another may still be running on a loaded machine).
    const row = await eventually(
      () =>
        t.ctx.database.db
          .selectFrom('executions')
          .select(['id'])
          .where('workflow_id', '=', id)
          .where('status', '=', 'success')
          .orderBy('created_at')
          .executeTakeFirst(),
      60_000,
      'a finished scheduled run',
    );
    const detail = await eventually(
      async () => {
        const found = await api(t, 'GET', `/api/v1/executions/${row.id}`);
        // Finished, not merely started: the workflow document in the detail names "Set" from the start.
        return found.status === 200 && JSON.stringify(found.body).includes('"status":"success"')
          ? found.body
          : undefined;
      },
      // Polled: a first run on a loaded machine also waits for an execution thread to start.
      60_000,
      'the execution detail',
    );
    const state = JSON.stringify(detail);
    // The schedule item is in the workflow's timezone, like n8n's.
    expect(state).toContain('Asia/Shanghai (UTC+08:00)');

    await api(t, 'POST', `/api/v1/workflows/${id}/deactivate`);
    const left = await t.ctx.database.db
      .selectFrom('trigger_state')
      .select('node_id')
      .where('workflow_id', '=', id)
      .execute();
    expect(left).toEqual([]);
  }, 180_000);

  it('refuses an invalid cron expression or timezone at activation, naming node and parameter', async () => {
    const badCron = await createWorkflow(
      t,
      [
        node('Cron', 'guixu.scheduleTrigger', {
          rule: { interval: [{ field: 'cronExpression', expression: '61 * * * *' }] },
        }),
      ],
      {},
    );
    const refused = await api(t, 'POST', `/api/v1/workflows/${badCron}/activate`);
    expect(refused.status).toBe(400);
    expect(refused.body).toMatchObject({
      code: 'SCHEDULE_INVALID',
      details: { node: 'Cron', parameter: 'rule.interval[0].expression' },
    });
    const badZone = await createWorkflow(t, [everySecond()], {}, { timezone: 'Mars/Olympus' });
    const refused2 = await api(t, 'POST', `/api/v1/workflows/${badZone}/activate`);
    expect(refused2.status).toBe(400);
    expect(refused2.body).toMatchObject({
      code: 'SCHEDULE_INVALID',
      details: { parameter: 'settings.timezone' },
    });
  });
});

describe('two instances on one PostgreSQL database', () => {
  it('fire each tick once', async () => {
    const a = await createTestApp('postgres');
    const database = await openDatabase(a.config.database);
    const b = await buildApp({ config: a.config, database, logger: createLogger('silent') });
    try {
      const id = await activeWorkflow(a, [everySecond()], {});
      // B picks the active workflow up at its start, as a second server would.
      await b.start();
      await a.ctx.services.get('triggers').schedules.start();
      expect(b.ctx.services.get('triggers').schedules.size).toBe(1);
      // …and one activated on A later at its next sync.
      const later = await activeWorkflow(a, [everySecond()], {});
      await b.ctx.services.get('triggers').schedules.sync();
      expect(b.ctx.services.get('triggers').schedules.size).toBe(2);
      await api(a, 'POST', `/api/v1/workflows/${later}/deactivate`);
      await b.ctx.services.get('triggers').schedules.sync();
      expect(b.ctx.services.get('triggers').schedules.size).toBe(1);
      const ticks = await eventually(
        async () => {
          const found = await scheduledTicks(a.ctx.database, id);
          return found.length >= 5 ? found : undefined;
        },
        20_000,
        'five scheduled runs',
      );
      expect(new Set(ticks).size).toBe(ticks.length);
    } finally {
      await a.ctx.services.get('triggers').schedules.stop();
      await b.ctx.services.get('triggers').schedules.stop();
      await b.app.close();
      await database.close();
      await a.dispose();
    }
  });
});

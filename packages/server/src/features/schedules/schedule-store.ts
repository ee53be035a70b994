import type { Database } from '../../db/dialect.ts';
import { nowIso } from '../../ids.ts';
import { z } from 'zod';

/** `trigger_state.state` of a schedule: what the rules were and when each rule last started a run. */
const stateSchema = z.object({
  signature: z.string().default(''),
  lastRuns: z.record(z.string(), z.string()).default({}),
});
export type ScheduleState = z.infer<typeof stateSchema>;

export interface ScheduleRow {
  state: ScheduleState;
  nextFireAt: string | null;
  lastTick: string | null;
}

const KIND = 'schedule';

/**
 * Schedule rows in `trigger_state`, shared by every instance on the database.
 * A tick is fired by whoever moves `last_tick` forward to it first: the
 * conditional UPDATE is the claim, so no tick fires twice.
 */
export class ScheduleStore {
  constructor(private readonly database: Database) {}

  async read(workflowId: string, nodeId: string): Promise<ScheduleRow | undefined> {
    const row = await this.database.db
      .selectFrom('trigger_state')
      .select(['state', 'next_fire_at', 'last_tick'])
      .where('workflow_id', '=', workflowId)
      .where('node_id', '=', nodeId)
      .executeTakeFirst();
    if (!row) return undefined;
    const parsed = stateSchema.safeParse(this.database.adapter.readJson(row.state) ?? {});
    return {
      state: parsed.success ? parsed.data : { signature: '', lastRuns: {} },
      nextFireAt: row.next_fire_at,
      lastTick: row.last_tick,
    };
  }

  /** Creates or updates the row; `last_tick` is kept so a re-activation never re-fires a claimed tick. */
  async upsert(
    workflowId: string,
    nodeId: string,
    state: ScheduleState,
    nextFireAt: string | null,
  ): Promise<void> {
    const { db, adapter } = this.database;
    const now = nowIso();
    await db
      .insertInto('trigger_state')
      .values({
        workflow_id: workflowId,
        node_id: nodeId,
        kind: KIND,
        state: adapter.json(state),
        next_fire_at: nextFireAt,
        updated_at: now,
      })
      .onConflict((oc) =>
        oc.columns(['workflow_id', 'node_id']).doUpdateSet({
          kind: KIND,
          state: adapter.json(state),
          next_fire_at: nextFireAt,
          updated_at: now,
        }),
      )
      .execute();
  }

  /** Claims `tick` (ISO): true for exactly one caller across every instance. */
  async claim(
    workflowId: string,
    nodeId: string,
    tick: string,
    update: { state: ScheduleState; nextFireAt: string | null },
  ): Promise<boolean> {
    const { db, adapter } = this.database;
    const now = nowIso();
    const result = await db
      .updateTable('trigger_state')
      .set({
        last_tick: tick,
        last_fired_at: now,
        next_fire_at: update.nextFireAt,
        state: adapter.json(update.state),
        updated_at: now,
      })
      .where('workflow_id', '=', workflowId)
      .where('node_id', '=', nodeId)
      .where((eb) => eb.or([eb('last_tick', 'is', null), eb('last_tick', '<', tick)]))
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  /** Workflows that have schedule rows (activated on any instance). */
  async workflowIds(): Promise<string[]> {
    const rows = await this.database.db
      .selectFrom('trigger_state')
      .select('workflow_id')
      .distinct()
      .where('kind', '=', KIND)
      .execute();
    return rows.map((r) => r.workflow_id);
  }

  async remove(workflowId: string): Promise<void> {
    await this.database.db
      .deleteFrom('trigger_state')
      .where('workflow_id', '=', workflowId)
      .where('kind', '=', KIND)
      .execute();
  }

  /** Removes rows of nodes the workflow no longer has. */
  async keepOnly(workflowId: string, nodeIds: string[]): Promise<void> {
    let query = this.database.db
      .deleteFrom('trigger_state')
      .where('workflow_id', '=', workflowId)
      .where('kind', '=', KIND);
    if (nodeIds.length > 0) query = query.where('node_id', 'not in', nodeIds);
    await query.execute();
  }
}

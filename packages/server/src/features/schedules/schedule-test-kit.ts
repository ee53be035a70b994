import type { Database } from '../../db/dialect.ts';
import { node } from '../webhooks/webhook-test-kit.ts';

export const everySecond = (name = 'Schedule') =>
  node(name, 'guixu.scheduleTrigger', { rule: { interval: [{ field: 'seconds', secondsInterval: 1 }] } });

/** Polls until `check` returns a value, or fails after `timeoutMs`. */
export async function eventually<T>(
  check: () => Promise<T | undefined>,
  timeoutMs: number,
  what: string,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

function tickOf(trigger: unknown): string | undefined {
  if (typeof trigger !== 'object' || trigger === null || !('tick' in trigger)) return undefined;
  return typeof trigger.tick === 'string' ? trigger.tick : undefined;
}

/** Ticks of the schedule executions stored for a workflow, in start order. */
export async function scheduledTicks(database: Database, workflowId: string): Promise<string[]> {
  const rows = await database.db
    .selectFrom('executions')
    .select(['trigger', 'created_at'])
    .where('workflow_id', '=', workflowId)
    .where('mode', '=', 'schedule')
    .orderBy('created_at')
    .execute();
  return rows.map((r) => tickOf(database.adapter.readJson(r.trigger)) ?? '?');
}

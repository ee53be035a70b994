import type { ServerConfig } from '../config.ts';
import type { Feature } from '../context.ts';

/** Features whose `start` takes triggers (webhooks, schedules, listeners, wake-ups): mains only. */
const MAIN_ONLY_START = new Set(['triggers', 'workflows', 'waiting']);
/**
 * Singleton duties a queue-mode main takes only while it leads (queue feature): schedules,
 * trigger listeners and the scan for Wait wake-ups coming due (pruning too: features/executions
 * leaves it to the leader). Their feature never starts them; the elected leader does. (A process
 * still times the short waits of executions that suspend on it: waiting/plugin listens from setup.)
 */
const LEADER_START = new Set(['triggers', 'waiting']);
/** A webhook process takes webhook calls only: no schedules, listeners or wake-ups (`waiting`). */
const WEBHOOK_SKIPS = new Set(['triggers', 'waiting']);

/** Whether a process with this config starts `feature`: a queue worker runs executions only. */
export function startsIn(feature: Feature, config: ServerConfig): boolean {
  const role = config.queue?.role;
  if (role === undefined) return true;
  if (role === 'worker') return !MAIN_ONLY_START.has(feature.name);
  if (role === 'webhook') return !WEBHOOK_SKIPS.has(feature.name);
  return !LEADER_START.has(feature.name);
}

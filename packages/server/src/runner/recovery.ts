import { GuixuError, toPlainError } from '@guixu/core';
import type { InProcessRunner, RunnerLogger } from './runner.ts';

export interface RecoveryOptions {
  /** Another instance's execution counts as orphaned when its heartbeat is older than this. */
  staleAfterMs: number;
  /**
   * Take over this instance's own `running` rows too: only at start, when
   * nothing runs yet (later they may be executions being resumed right now).
   */
  includeOwn: boolean;
}

/**
 * Resumes executions a dead process left `running` (or queued as `new`): each
 * is claimed (one instance wins), rebuilt from its start state and checkpoints,
 * and continued. Every node that finished before the crash keeps its saved
 * run; the node that was running runs again.
 */
export async function recoverOrphans(
  runner: InProcessRunner,
  log: RunnerLogger & { info(obj: object, msg: string): void },
  options: RecoveryOptions,
): Promise<string[]> {
  // Queue mode: a dead worker's job goes back to the queue (queue/reconciler.ts), never runs here.
  if (runner.remoteMode) return [];
  const staleBefore = new Date(Date.now() - options.staleAfterMs).toISOString();
  const rows = await runner.store.orphans(
    runner.instanceId,
    staleBefore,
    runner.activeIds(),
    options.includeOwn,
  );
  const recovered: string[] = [];
  for (const row of rows) {
    if (!(await runner.store.claimOrphan(row, runner.instanceId))) continue;
    try {
      const state = await runner.store.loadState(row.id);
      const workflow = await runner.workflowOf(row);
      await runner.adopt({ state, workflow, row: { ...row, instance_id: runner.instanceId } });
      recovered.push(row.id);
    } catch (error) {
      // Unreadable data cannot be continued: the execution ends failed, with the reason.
      const plain = toPlainError(
        error instanceof GuixuError
          ? error
          : new GuixuError('EXECUTION_NOT_RECOVERABLE', `Could not recover the execution: ${String(error)}`),
      );
      log.error({ err: error, executionId: row.id }, 'could not recover execution');
      await runner.store.fail(row.id, plain);
    }
  }
  if (recovered.length > 0)
    log.info({ count: recovered.length, ids: recovered.slice(0, 20) }, 'executions recovered');
  return recovered;
}

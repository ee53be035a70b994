import {
  finalItems,
  GuixuError,
  isRecord,
  type ResumeInput,
  type RunState,
  type SubWorkflowRequest,
  toPlainError,
} from '@guixu/core';
import type { Database } from '../db/dialect.ts';
import type { InProcessRunner, RunnerLogger } from './runner.ts';

const ENDED = ['success', 'error', 'canceled'];
/** Someone else resumed or canceled the parent first, or it is not stored: nothing to do. */
const SETTLED = new Set([
  'EXECUTION_NOT_WAITING',
  'EXECUTION_ALREADY_RESUMED',
  'EXECUTION_NOT_FOUND',
  'NODE_NOT_FOUND',
]);

interface Link {
  child_execution_id: string;
  parent_execution_id: string;
}

/** The child a suspended Execute Workflow node waits for (its suspend data, see execute-workflow.node.ts). */
export function awaitedChild(state: RunState): string | undefined {
  const suspended = state.suspended;
  if (state.status !== 'waiting' || !suspended?.resumeOn.includes('subworkflow')) return undefined;
  const data = suspended.data?.subWorkflow;
  return isRecord(data) && typeof data.executionId === 'string' ? data.executionId : undefined;
}

/**
 * Parents waiting at an Execute Workflow node for a child that suspended. The
 * link is a row (`subworkflow_waits`); the parent's suspend data names the child
 * too. The parent resumes through the runner's one resume path (its database
 * claim makes it happen once) when the child ends here, when the parent's own
 * suspension finds the child already ended, and from `scan` (at start and on
 * the wait scan's interval), which picks up what a crash between the child's end
 * and the parent's resume left behind.
 */
export class SubWorkflowWaits {
  constructor(
    private readonly runner: InProcessRunner,
    private readonly database: Database,
    private readonly log: RunnerLogger,
  ) {}

  /** Records that the parent of `request` waits for `childId` (before the parent suspends). */
  async link(request: SubWorkflowRequest, childId: string): Promise<void> {
    await this.database.db
      .insertInto('subworkflow_waits')
      .values({
        child_execution_id: childId,
        parent_execution_id: request.parent.executionId,
        parent_node: request.parent.node,
        parent_run_index: request.parent.runIndex ?? 0,
        item_index: request.parent.itemIndex ?? null,
        created_at: new Date().toISOString(),
      })
      .onConflict((oc) => oc.column('child_execution_id').doNothing())
      .execute();
  }

  /** Reacts to executions of this process that end or suspend. */
  listen(): () => void {
    return this.runner.onFinished(({ state }) => {
      if (state.parentExecutionId && ENDED.includes(state.status)) {
        void this.guard(this.childEnded(state.executionId), state.executionId);
      }
      const child = awaitedChild(state);
      if (child) void this.guard(this.continueIfEnded(state.executionId, child), state.executionId);
    });
  }

  /** A child ended: the parent waiting for it (if any) continues. */
  async childEnded(childId: string): Promise<void> {
    const link = await this.database.db
      .selectFrom('subworkflow_waits')
      .select(['child_execution_id', 'parent_execution_id'])
      .where('child_execution_id', '=', childId)
      .executeTakeFirst();
    if (link) await this.resumeParent(link);
  }

  /**
   * Resumes parents whose child ended while nobody resumed them (a crash in
   * between, a full queue); returns how many were resumed by this call.
   */
  async scan(limit = 200): Promise<number> {
    const links = await this.database.db
      .selectFrom('subworkflow_waits as w')
      .innerJoin('executions as p', 'p.id', 'w.parent_execution_id')
      .innerJoin('executions as c', 'c.id', 'w.child_execution_id')
      .select(['w.child_execution_id', 'w.parent_execution_id'])
      .where('p.status', '=', 'waiting')
      .where('c.status', 'in', ENDED)
      .orderBy('w.created_at')
      .limit(limit)
      .execute();
    let resumed = 0;
    for (const link of links) {
      if (await this.guard(this.resumeParent(link), link.parent_execution_id)) resumed++;
    }
    return resumed;
  }

  /** Cancels the child a canceled parent waited for (and so on down a nested chain); `state` is from before the cancel. */
  async cancelChildOf(state: RunState): Promise<void> {
    const child = awaitedChild(state);
    if (!child) return;
    try {
      await this.runner.cancel(child);
    } catch (error) {
      // It ended meanwhile, or runs elsewhere (queue mode hands the cancel on): nothing else to do.
      if (!(error instanceof GuixuError)) throw error;
    }
  }

  /** What a `subworkflow` resume hands the node: the child's status, error and final items. */
  async outcome(input: ResumeInput): Promise<ResumeInput> {
    const childId = input.subWorkflow?.executionId;
    if (input.reason !== 'subworkflow' || childId === undefined) return input;
    const gone = (): ResumeInput => ({
      ...input,
      subWorkflow: {
        executionId: childId,
        status: 'error',
        error: {
          code: 'SUBWORKFLOW_NOT_FOUND',
          message: `The sub-workflow execution ${childId} no longer exists`,
        },
      },
    });
    let state: RunState;
    try {
      state = await this.runner.store.loadState(childId);
    } catch (error) {
      // Not stored, or deleted while it was read (deleting a waiting child cancels it, which resumes this parent).
      if (!(await this.runner.store.findRow(childId))) return gone();
      throw error;
    }
    return {
      ...input,
      ...(state.status === 'success' ? { items: finalItems(state) } : {}),
      subWorkflow: {
        executionId: childId,
        status: state.status,
        ...(state.error ? { error: state.error } : {}),
      },
    };
  }

  private async continueIfEnded(parentId: string, childId: string): Promise<void> {
    const child = await this.runner.store.findRow(childId);
    if (child && ENDED.includes(child.status)) {
      await this.resumeParent({ child_execution_id: childId, parent_execution_id: parentId });
    }
  }

  /** True when this call resumed the parent. */
  private async resumeParent(link: Link): Promise<boolean> {
    const childId = link.child_execution_id;
    const prepared = await this.runner.prepareResume(link.parent_execution_id);
    if (awaitedChild(prepared.state) !== childId) {
      // A stale link: the parent ran the node again (recovery) and waits for another child now.
      await this.database.db
        .deleteFrom('subworkflow_waits')
        .where('child_execution_id', '=', childId)
        .execute();
      return false;
    }
    await this.runner.resumePrepared(prepared, {
      reason: 'subworkflow',
      subWorkflow: { executionId: childId },
    });
    return true;
  }

  private async guard(work: Promise<unknown>, executionId: string): Promise<boolean> {
    try {
      return (await work) === true;
    } catch (error) {
      if (error instanceof GuixuError && (SETTLED.has(error.code) || error.retryable)) return false;
      this.log.error(
        { err: toPlainError(error), executionId },
        'could not continue an execution that waits for a sub-workflow',
      );
      return false;
    }
  }
}

import { GuixuError, graphOf, type RunState, type Workflow, type WorkflowNode } from '@guixu/core';
import { notFound } from '../http/http-errors.ts';
import type { ExecutionRow, ExecutionStore } from './execution-store.ts';

export interface PreparedResume {
  row: ExecutionRow;
  state: RunState;
  workflow: Workflow;
  /** The node that waits. */
  node: WorkflowNode;
  resumeOn: readonly string[];
}

export function notWaiting(executionId: string, status: string): GuixuError {
  return new GuixuError(
    'EXECUTION_NOT_WAITING',
    `Execution ${executionId} is not waiting (status ${status})`,
    {
      details: { executionId, status },
    },
  );
}

/**
 * Loads a waiting execution for a resume: `EXECUTION_NOT_FOUND` (404),
 * `EXECUTION_NOT_WAITING` (409) when it does not wait (any more).
 */
export async function prepareResume(
  deps: {
    store: ExecutionStore;
    isActive(executionId: string): boolean;
    workflowOf(row: ExecutionRow): Promise<Workflow>;
  },
  executionId: string,
): Promise<PreparedResume> {
  const row = await deps.store.findRow(executionId);
  if (!row) throw notFound('execution', executionId);
  if (row.status !== 'waiting' || deps.isActive(executionId)) throw notWaiting(executionId, row.status);
  const state = await deps.store.loadState(executionId);
  const suspended = state.suspended;
  if (state.status !== 'waiting' || !suspended) throw notWaiting(executionId, state.status);
  const workflow = await deps.workflowOf(row);
  const node = graphOf(workflow).node(suspended.node);
  if (!node) {
    throw new GuixuError('NODE_NOT_FOUND', `Node "${suspended.node}" is not in the workflow any more`, {
      node: suspended.node,
    });
  }
  return { row, state, workflow, node, resumeOn: suspended.resumeOn };
}

/** Refuses a resume the execution does not wait for (a webhook call to a time wait). */
export function assertResumableBy(prepared: PreparedResume, reason: string): void {
  if (prepared.resumeOn.includes(reason)) return;
  const executionId = prepared.row.id;
  throw new GuixuError(
    'EXECUTION_NOT_WAITING',
    `Execution ${executionId} waits for ${prepared.resumeOn.join(' or ')}, not for a ${reason} call`,
    { details: { executionId, resumeOn: prepared.resumeOn, reason } },
  );
}

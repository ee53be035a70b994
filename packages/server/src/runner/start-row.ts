import type { ExecutionInsert } from '../db/execution-writer.ts';
import type { StartExecutionRequest } from './types.ts';

export interface StartRowFacts {
  executionId: string;
  projectId: string | null;
  workflowId: string | null;
  /** `start`: it runs now; `queue`: it waits for a slot (status `new`). */
  admission: 'start' | 'queue';
  startedAt: string;
  instanceId: string;
}

/** The execution row a new run is saved as. */
export function startRow(request: StartExecutionRequest, facts: StartRowFacts): ExecutionInsert {
  const running = facts.admission === 'start';
  return {
    id: facts.executionId,
    projectId: facts.projectId,
    workflowId: facts.workflowId,
    workflowVersion: request.workflowVersion ?? null,
    // A document that is not stored is kept with its execution, so it can be resumed and shown.
    ...(facts.workflowId === null ? { workflowData: request.workflow } : {}),
    status: running ? 'running' : 'new',
    mode: request.mode,
    trigger: request.trigger ?? null,
    parentExecutionId: request.parentExecutionId ?? null,
    retryOf: request.retryOf ?? null,
    startedAt: running ? facts.startedAt : null,
    instanceId: facts.instanceId,
    createdAt: new Date().toISOString(),
  };
}

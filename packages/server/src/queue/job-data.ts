import { isRecord, type ResumeInput } from '@guixu/core';

/** A job is an execution id (its data stays in the database), plus what resumes it when it waited. */
export interface JobData {
  executionId: string;
  resume?: ResumeInput;
}

const REASONS = new Set(['time', 'webhook', 'form', 'approval', 'subworkflow']);

function isResumeInput(value: unknown): value is ResumeInput {
  if (!isRecord(value) || typeof value.reason !== 'string' || !REASONS.has(value.reason)) return false;
  if (value.data !== undefined && !isRecord(value.data)) return false;
  // A sub-workflow resume names the child only: the runner reads its outcome from the database.
  if (value.subWorkflow !== undefined) {
    if (!isRecord(value.subWorkflow) || typeof value.subWorkflow.executionId !== 'string') return false;
    if (Object.keys(value.subWorkflow).length !== 1) return false;
  }
  if (value.items === undefined) return true;
  return Array.isArray(value.items) && value.items.every((item) => isRecord(item) && isRecord(item.json));
}

/** Job data as read back from Redis; null when it is not ours (a job is then dropped, not retried). */
export function parseJobData(value: unknown): JobData | null {
  if (!isRecord(value) || typeof value.executionId !== 'string' || value.executionId.length === 0)
    return null;
  if (value.resume === undefined) return { executionId: value.executionId };
  return isResumeInput(value.resume) ? { executionId: value.executionId, resume: value.resume } : null;
}

/** BullMQ priorities: 1 runs first. Resumed executions finish work already begun; people wait on manual runs. */
export function priorityOf(mode: string, resumed: boolean): number {
  if (resumed) return 1;
  if (mode === 'manual') return 2;
  if (mode === 'webhook' || mode === 'trigger' || mode === 'chat' || mode === 'form') return 3;
  return 4;
}

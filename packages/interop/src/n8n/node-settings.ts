import type { OnError, WorkflowNode } from '@guixu/core';
import type { N8nNode } from './n8n-file.ts';

const ON_ERROR: readonly string[] = ['stopWorkflow', 'continueRegularOutput', 'continueErrorOutput'];

function isOnError(value: unknown): value is OnError {
  return typeof value === 'string' && ON_ERROR.includes(value);
}

function clamp(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, Math.round(value)));
}

/** Node settings that mean the same in n8n and GuixuFlow (DESIGN.md §3), copied across. */
export function carrySettings(source: N8nNode, target: WorkflowNode, warn: (message: string) => void): void {
  if (source.disabled) target.disabled = true;
  if (source.notes) target.notes = source.notes;
  if (source.notesInFlow) target.notesInFlow = true;
  if (isOnError(source.onError)) target.onError = source.onError;
  else if (source.onError !== undefined) warn(`Unknown "On Error" setting "${source.onError}" was dropped.`);
  // Older n8n versions had only "Continue On Fail", which behaves like continueRegularOutput.
  else if (source.continueOnFail) target.onError = 'continueRegularOutput';
  if (source.retryOnFail) target.retryOnFail = true;
  if (source.maxTries !== undefined) target.maxTries = clamp(source.maxTries, 1, 100);
  if (source.waitBetweenTries !== undefined)
    target.waitBetweenTries = clamp(source.waitBetweenTries, 0, 3_600_000);
  if (source.alwaysOutputData) target.alwaysOutputData = true;
  if (source.executeOnce) target.executeOnce = true;
}

export function positionOf(source: N8nNode): [number, number] {
  const [x = 0, y = 0] = source.position ?? [];
  return [Number.isFinite(x) ? x : 0, Number.isFinite(y) ? y : 0];
}

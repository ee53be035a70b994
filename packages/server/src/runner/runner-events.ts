import type { EngineEvent, RunState } from '@guixu/core';
import { nodeSample } from './node-sample.ts';
import type { RunnerEvent } from './types.ts';

/** An engine event as push clients see it: with the workflow id, and a sample of a finished node's output. */
export function runnerEventOf(event: EngineEvent, workflowId: string | null, state: RunState): RunnerEvent {
  switch (event.type) {
    case 'nodeStarted':
    case 'executionFinished':
    case 'executionWaiting':
      return { ...event, workflowId };
    case 'nodeFinished': {
      const record = state.runData[event.node]?.[event.runIndex];
      const sample = record ? nodeSample(record) : undefined;
      return {
        type: 'nodeFinished',
        executionId: event.executionId,
        workflowId,
        node: event.node,
        runIndex: event.runIndex,
        status: event.status,
        executionTime: record?.executionTime ?? 0,
        itemCounts: event.itemCounts,
        ...(sample === undefined ? {} : { sample }),
        ...(event.error ? { error: event.error } : {}),
      };
    }
  }
}

import { defineNode, type JsonObject } from '@guixu/core';

/** What the server hands an error workflow (n8n's Error Trigger item). */
export interface ErrorTriggerData extends JsonObject {
  execution: {
    id: string;
    url: string | null;
    retryOf: string | null;
    error: { message: string; code?: string; node?: string; stack?: string };
    lastNodeExecuted: string | null;
    mode: string;
  };
  workflow: { id: string | null; name: string };
}

/** Shown in manual runs, so the nodes after the trigger can be built against real-looking data (as in n8n). */
export const SAMPLE_ERROR: ErrorTriggerData = {
  execution: {
    id: '231',
    url: 'http://localhost:5678/execution/231',
    retryOf: '34',
    error: { message: 'Example Error Message', stack: 'Stacktrace' },
    lastNodeExecuted: 'Node With Error',
    mode: 'manual',
  },
  workflow: { id: '1', name: 'Example Workflow' },
};

export default defineNode({
  type: 'guixu.errorTrigger',
  version: 1,
  displayName: 'Error Trigger',
  description: 'Starts this workflow when another workflow that names it as its error workflow fails.',
  group: 'trigger',
  icon: 'alert-triangle',
  defaultName: 'Error Trigger',
  inputs: [],
  outputs: ['main'],
  trigger: { kind: 'error' },
  params: {},
  docs: `Set this workflow as the "error workflow" in another workflow's settings. When that workflow fails, this one starts with one item:

\`{ execution: { id, url, retryOf, error: { message, stack }, lastNodeExecuted, mode }, workflow: { id, name } }\`

In a manual run without data it outputs an example item of the same shape.`,
  run(ctx) {
    if (ctx.items.length > 0) return [ctx.items];
    return [ctx.execution.mode === 'manual' ? [{ json: structuredClone(SAMPLE_ERROR) }] : []];
  },
});

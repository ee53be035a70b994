import type { WorkflowSettings } from '@guixu/core';

/**
 * n8n workflow settings → GuixuFlow settings. Settings without an equivalent are
 * returned separately so the importer can keep them in `meta` and export them back.
 */
export function settingsFromN8n(
  settings: Record<string, unknown>,
  warn: (message: string) => void,
): { settings: WorkflowSettings; unmapped: Record<string, unknown> } {
  // n8n yields null for a runtime error inside {{ }}; imported workflows keep that behaviour.
  const out: WorkflowSettings = { executionOrder: 'v1', expressionErrors: 'null' };
  const unmapped: Record<string, unknown> = {};
  const success = settings.saveDataSuccessExecution;
  const failure = settings.saveDataErrorExecution;
  for (const [key, value] of Object.entries(settings)) {
    switch (key) {
      case 'timezone':
        if (typeof value === 'string' && value !== 'DEFAULT') out.timezone = value;
        break;
      case 'executionTimeout':
        if (typeof value === 'number' && value > 0) out.executionTimeout = value;
        break;
      case 'errorWorkflow':
        if (typeof value === 'string' && value !== '') out.errorWorkflow = value;
        break;
      case 'saveManualExecutions':
        if (typeof value === 'boolean') out.saveManualExecutions = value;
        break;
      case 'executionOrder':
        if (value !== 'v1') {
          warn(
            `The workflow used n8n's "${String(value)}" execution order; GuixuFlow runs the v1 order (branch by branch), which can change the order nodes run in.`,
          );
        }
        break;
      case 'saveDataSuccessExecution':
      case 'saveDataErrorExecution':
        break;
      default:
        unmapped[key] = value;
    }
  }
  if (success === 'none' && failure === 'none') out.saveDataPolicy = 'none';
  else if (success === 'none') out.saveDataPolicy = 'errors';
  else if (success === 'all' || failure === 'all') out.saveDataPolicy = 'all';
  return { settings: out, unmapped };
}

/** GuixuFlow settings → n8n settings (inverse of `settingsFromN8n`). */
export function settingsToN8n(
  settings: WorkflowSettings,
  unmapped: Record<string, unknown>,
): Record<string, unknown> {
  const out: Record<string, unknown> = { ...unmapped, executionOrder: 'v1' };
  if (settings.timezone) out.timezone = settings.timezone;
  if (settings.executionTimeout !== undefined && settings.executionTimeout > 0) {
    out.executionTimeout = settings.executionTimeout;
  }
  if (settings.errorWorkflow) out.errorWorkflow = settings.errorWorkflow;
  if (settings.saveManualExecutions !== undefined) out.saveManualExecutions = settings.saveManualExecutions;
  if (settings.saveDataPolicy === 'none') {
    out.saveDataSuccessExecution = 'none';
    out.saveDataErrorExecution = 'none';
  } else if (settings.saveDataPolicy === 'errors') {
    out.saveDataSuccessExecution = 'none';
    out.saveDataErrorExecution = 'all';
  } else if (settings.saveDataPolicy === 'all') {
    out.saveDataSuccessExecution = 'all';
    out.saveDataErrorExecution = 'all';
  }
  return out;
}

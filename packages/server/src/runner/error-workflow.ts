import type { JsonObject, NodeRegistry, Workflow } from '@guixu/core';
import type { FinishedExecution, InProcessRunner, LoadedWorkflow, RunnerLogger } from './runner.ts';

export interface ErrorWorkflowOptions {
  runner: InProcessRunner;
  registry: NodeRegistry;
  log: RunnerLogger;
  loadWorkflow(id: string): Promise<LoadedWorkflow>;
  /** Whether a run in `projectId` may start stored workflow `workflowId` (same project, or shared into it). */
  mayCall(projectId: string | null, workflowId: string): Promise<boolean>;
  /** Link to a saved execution (`execution.url`). */
  executionUrl(executionId: string): string;
}

/** The node an error workflow starts at: its Error Trigger. */
export function errorTriggerOf(workflow: Workflow, registry: NodeRegistry): string | undefined {
  return workflow.nodes.find(
    (node) => !node.disabled && registry.find(node.type, node.typeVersion)?.trigger?.kind === 'error',
  )?.name;
}

/** n8n's Error Trigger item for a failed execution. */
export function errorItem(finished: FinishedExecution, url: string | null): JsonObject {
  const { state, workflow } = finished;
  const error = state.error;
  return {
    execution: {
      id: state.executionId,
      url,
      retryOf: finished.retryOf ?? null,
      error: {
        message: error?.message ?? 'Unknown error',
        ...(error?.code ? { code: error.code } : {}),
        ...(error?.node ? { node: error.node } : {}),
        ...(error?.description ? { description: error.description } : {}),
        ...(error?.stack ? { stack: error.stack } : {}),
      },
      lastNodeExecuted: state.lastNodeExecuted ?? null,
      mode: state.mode,
    },
    workflow: { id: finished.workflowId, name: workflow.name },
  };
}

/**
 * Starts a failed execution's error workflow (`settings.errorWorkflow`, a
 * workflow id of the same project or shared into it) at its Error Trigger,
 * in mode `error`. Executions that are
 * themselves error runs never start another one, so errors cannot loop.
 */
export function installErrorWorkflows(options: ErrorWorkflowOptions): () => void {
  const { runner, log } = options;
  return runner.onFinished((finished) => {
    const { state, workflow } = finished;
    const target = workflow.settings?.errorWorkflow;
    if (state.status !== 'error' || state.mode === 'error' || !target) return;
    void (async () => {
      try {
        if (!(await options.mayCall(finished.projectId, target))) {
          log.warn(
            { executionId: state.executionId, errorWorkflow: target },
            "the error workflow was not found or is not available to this workflow's project; it was not started",
          );
          return;
        }
        const loaded = await options.loadWorkflow(target);
        const triggerNode = errorTriggerOf(loaded.workflow, options.registry);
        if (!triggerNode) {
          log.warn(
            { executionId: state.executionId, errorWorkflow: target },
            'the error workflow has no Error Trigger; it was not started',
          );
          return;
        }
        await runner.start({
          workflow: loaded.workflow,
          workflowId: target,
          ...(loaded.version === null ? {} : { workflowVersion: loaded.version }),
          mode: 'error',
          triggerNode,
          triggerItems: [
            { json: errorItem(finished, finished.saved ? options.executionUrl(state.executionId) : null) },
          ],
          trigger: { kind: 'error', node: triggerNode, failedExecutionId: state.executionId },
        });
      } catch (error) {
        log.error(
          { err: error, executionId: state.executionId, errorWorkflow: target },
          'could not start the error workflow',
        );
      }
    })();
  });
}

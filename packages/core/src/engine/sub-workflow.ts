import { GuixuError } from '../errors.ts';
import type { SubWorkflowRequest, SubWorkflowResult, SubWorkflowRunner } from '../ports.ts';
import type { Workflow } from '../workflow/schema.ts';
import type { Engine } from './engine.ts';
import { finalItems } from './run-data-helpers.ts';
import type { RunState } from './types.ts';

export interface InProcessSubWorkflowOptions {
  engine: Engine;
  /** Loads a stored workflow (by id) or a workflow file (by path). */
  loadWorkflow?: (ref: { id?: string; path?: string }) => Promise<Workflow>;
  /** Execution ids for children (default: random UUIDs). */
  newExecutionId?: () => string;
  /** Called with every finished (or waiting) child state, e.g. to store it. */
  onChildFinished?: (state: RunState, workflow: Workflow) => void | Promise<void>;
}

/**
 * Runs child workflows in the same process with the same engine (CLI, tests).
 * Give it to the engine after creating both: `services.subWorkflows = runner`.
 */
export function createInProcessSubWorkflowRunner(options: InProcessSubWorkflowOptions): SubWorkflowRunner {
  const newId = options.newExecutionId ?? (() => globalThis.crypto.randomUUID());
  const load = async (request: SubWorkflowRequest): Promise<Workflow> => {
    if (request.workflow.document) return request.workflow.document;
    if (!options.loadWorkflow) {
      throw new GuixuError(
        'SUBWORKFLOW_NOT_FOUND',
        'Only inline sub-workflows can run here (no workflow loader)',
        {
          node: request.parent.node,
          audience: 'operator',
        },
      );
    }
    return options.loadWorkflow({ id: request.workflow.id, path: request.workflow.path });
  };

  const execute = async (request: SubWorkflowRequest, workflow: Workflow, executionId: string) => {
    const { engine } = options;
    const state = engine.start(workflow, {
      executionId,
      mode: 'subworkflow',
      triggerItems: request.items,
      parentExecutionId: request.parent.executionId,
    });
    await engine.run(workflow, state, { signal: request.signal });
    await options.onChildFinished?.(state, workflow);
    return state;
  };

  return {
    async run(request: SubWorkflowRequest): Promise<SubWorkflowResult> {
      const workflow = await load(request);
      const executionId = newId();
      if (!request.wait) {
        execute(request, workflow, executionId).catch(() => {});
        return { executionId };
      }
      const state = await execute(request, workflow, executionId);
      if (state.status === 'error') {
        const cause = state.error;
        throw new GuixuError(
          'SUBWORKFLOW_FAILED',
          `Sub-workflow "${workflow.name}" failed${cause?.node ? ` in node "${cause.node}"` : ''}: ${cause?.message ?? 'unknown error'}`,
          { node: request.parent.node, details: { executionId, error: cause ?? null } },
        );
      }
      if (state.status !== 'success') {
        throw new GuixuError(
          'SUBWORKFLOW_NOT_FINISHED',
          `Sub-workflow "${workflow.name}" ended with status "${state.status}" instead of finishing`,
          { node: request.parent.node, details: { executionId, status: state.status } },
        );
      }
      return { executionId, items: finalItems(state) };
    },
  };
}

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
  /** How deep sub-workflows may nest (default 50): a workflow calling itself must end with an error, not hang. */
  maxDepth?: number;
  /**
   * A child that waits for a time at most this far ahead is slept through and resumed
   * here (default 0: never). Other waits cannot end in a process that keeps nothing.
   */
  maxWaitMs?: number;
}

export const DEFAULT_MAX_SUBWORKFLOW_DEPTH = 50;

/**
 * Runs child workflows in the same process with the same engine (CLI, tests).
 * Give it to the engine after creating both: `services.subWorkflows = runner`.
 */
export function createInProcessSubWorkflowRunner(options: InProcessSubWorkflowOptions): SubWorkflowRunner {
  const newId = options.newExecutionId ?? (() => globalThis.crypto.randomUUID());
  const maxDepth = options.maxDepth ?? DEFAULT_MAX_SUBWORKFLOW_DEPTH;
  /** Nesting depth of the children running now, by execution id (the top-level run is depth 0). */
  const depthOf = new Map<string, number>();
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

  const sleepThroughWaits = async (workflow: Workflow, state: RunState, signal?: AbortSignal) => {
    const { engine } = options;
    const maxWait = options.maxWaitMs ?? 0;
    while (state.status === 'waiting' && state.waitTill) {
      const delay = Date.parse(state.waitTill) - engine.options.services.clock.now();
      if (delay > maxWait) return;
      await engine.options.services.clock.sleep(Math.max(0, delay), signal).catch(() => undefined);
      if (signal?.aborted) {
        await engine.cancel(state);
        return;
      }
      await engine.resume(workflow, state, { reason: 'time' }, { signal });
    }
  };

  const execute = async (request: SubWorkflowRequest, workflow: Workflow, executionId: string) => {
    const { engine } = options;
    const depth = (depthOf.get(request.parent.executionId) ?? 0) + 1;
    if (depth > maxDepth) {
      throw new GuixuError(
        'SUBWORKFLOW_DEPTH',
        `Sub-workflow "${workflow.name}" would nest ${depth} levels deep (limit ${maxDepth}); does it call itself without end?`,
        {
          node: request.parent.node,
          description: 'Check the condition that ends the recursion, or call the sub-workflow fewer times.',
          details: { depth, maxDepth },
        },
      );
    }
    // Ids may repeat (tests give every child one id): restore the outer value afterwards.
    const outer = depthOf.get(executionId);
    depthOf.set(executionId, depth);
    try {
      const state = engine.start(workflow, {
        executionId,
        mode: 'subworkflow',
        triggerItems: request.items,
        parentExecutionId: request.parent.executionId,
      });
      await engine.run(workflow, state, { signal: request.signal });
      await sleepThroughWaits(workflow, state, request.signal);
      await options.onChildFinished?.(state, workflow);
      return state;
    } finally {
      if (outer === undefined) depthOf.delete(executionId);
      else depthOf.set(executionId, outer);
    }
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
        if (cause?.code === 'SUBWORKFLOW_DEPTH') {
          // One message for the whole chain instead of one "failed in node" per level.
          throw new GuixuError('SUBWORKFLOW_DEPTH', cause.message, {
            node: request.parent.node,
            description: 'Check the condition that ends the recursion, or call the sub-workflow fewer times.',
            details: { executionId },
          });
        }
        throw new GuixuError(
          'SUBWORKFLOW_FAILED',
          `Sub-workflow "${workflow.name}" failed${cause?.node ? ` in node "${cause.node}"` : ''}: ${cause?.message ?? 'unknown error'}`,
          { node: request.parent.node, details: { executionId, error: cause ?? null } },
        );
      }
      if (state.status === 'waiting') {
        const at = state.suspended?.node ?? '?';
        throw new GuixuError(
          'SUBWORKFLOW_NOT_FINISHED',
          `Sub-workflow "${workflow.name}" waits at node "${at}"${state.waitTill ? ` until ${state.waitTill}` : ' for a call to resume it'}; this runner keeps nothing, so it cannot wait for it`,
          {
            node: request.parent.node,
            description:
              'Run the workflow on the server (`guixu start`): there the parent waits durably and resumes when the sub-workflow ends.',
            details: { executionId, status: state.status, waitingAt: at, waitTill: state.waitTill ?? null },
          },
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

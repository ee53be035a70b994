import {
  finalItems,
  GuixuError,
  type NodeRegistry,
  type SubWorkflowRequest,
  type SubWorkflowResult,
  type SubWorkflowRunner,
  type Workflow,
} from '@guixu/core';
import { unavailableWorkflowMessage } from '../security/workflow-calls.ts';
import type { InProcessRunner, LoadedWorkflow } from './runner.ts';

export interface StoredSubWorkflowOptions {
  runner: InProcessRunner;
  registry: NodeRegistry;
  loadWorkflow(id: string): Promise<LoadedWorkflow>;
  /** Whether a run in `projectId` may start stored workflow `workflowId` (same project, or shared into it). */
  mayCall(projectId: string | null, workflowId: string): Promise<boolean>;
}

/** Where a child starts: its Execute Workflow Trigger when it has one, else the engine's default. */
function entryNode(workflow: Workflow, registry: NodeRegistry): string | undefined {
  return workflow.nodes.find(
    (node) =>
      !node.disabled && registry.find(node.type, node.typeVersion)?.trigger?.kind === 'executeWorkflow',
  )?.name;
}

/**
 * Execute Workflow between stored workflows: each child is a saved execution
 * of its own (mode `subworkflow`, `parent_execution_id` set). A child the
 * parent waits for runs at once, past the queue: it uses the parent's slot,
 * so a full instance cannot deadlock on its own children. A child that
 * suspends (Wait) is linked to its parent, which suspends too
 * (`subworkflow-waits.ts` resumes it when the child ends).
 */
export function storedSubWorkflows(options: StoredSubWorkflowOptions): SubWorkflowRunner {
  const { runner } = options;
  const unavailable = (request: SubWorkflowRequest, id: string) =>
    new GuixuError('SUBWORKFLOW_NOT_FOUND', unavailableWorkflowMessage(id), {
      node: request.parent.node,
      parameter: 'workflowId',
      description: 'Pick a workflow of this project, or ask its owner to share it with this project.',
      details: { workflowId: id },
    });
  const load = async (
    request: SubWorkflowRequest,
    callerProject: string | null,
  ): Promise<{ workflow: Workflow; id?: string; version?: number }> => {
    if (request.workflow.document) return { workflow: request.workflow.document };
    const id = request.workflow.id;
    if (id === undefined) {
      throw new GuixuError(
        'SUBWORKFLOW_SOURCE_UNSUPPORTED',
        'The server runs sub-workflows by id or from a given document, not from a file path',
        { node: request.parent.node, parameter: 'source' },
      );
    }
    // Checked before loading, with one answer for "missing" and "not yours": no existence oracle.
    if (!(await options.mayCall(callerProject, id))) throw unavailable(request, id);
    try {
      const loaded = await options.loadWorkflow(id);
      return {
        workflow: loaded.workflow,
        id,
        ...(loaded.version === null ? {} : { version: loaded.version }),
      };
    } catch (error) {
      if (error instanceof GuixuError && error.code === 'WORKFLOW_NOT_FOUND') throw unavailable(request, id);
      throw error;
    }
  };

  return {
    async run(request: SubWorkflowRequest): Promise<SubWorkflowResult> {
      // The caller's project is what the runner recorded for its run, never what its document claims.
      const callerProject = runner.projectOfRun(request.parent.executionId);
      if (callerProject === undefined) {
        throw new GuixuError('SUBWORKFLOW_CALLER_UNKNOWN', 'The calling execution is not running here', {
          node: request.parent.node,
          audience: 'bug',
        });
      }
      const { workflow, id, version } = await load(request, callerProject);
      const triggerNode = entryNode(workflow, options.registry);
      const handle = await runner.start(
        {
          workflow,
          // A stored child runs in its own project; a document given inline runs in the caller's.
          ...(id === undefined ? { projectId: callerProject } : { workflowId: id }),
          ...(version === undefined ? {} : { workflowVersion: version }),
          mode: 'subworkflow',
          ...(triggerNode === undefined ? {} : { triggerNode }),
          triggerItems: request.items,
          parentExecutionId: request.parent.executionId,
          trigger: {
            kind: 'subworkflow',
            parentExecutionId: request.parent.executionId,
            node: request.parent.node,
          },
        },
        { bypassQueue: request.wait },
      );
      if (!request.wait) return { executionId: handle.executionId };
      const onAbort = () => void runner.cancelActive(handle.executionId);
      request.signal?.addEventListener('abort', onAbort, { once: true });
      const state = await handle.finished.finally(() =>
        request.signal?.removeEventListener('abort', onAbort),
      );
      if (state.status === 'error') {
        const cause = state.error;
        throw new GuixuError(
          'SUBWORKFLOW_FAILED',
          `Sub-workflow "${workflow.name}" failed${cause?.node ? ` in node "${cause.node}"` : ''}: ${cause?.message ?? 'unknown error'}`,
          { node: request.parent.node, details: { executionId: handle.executionId, error: cause ?? null } },
        );
      }
      if (state.status === 'waiting') {
        // The child is stored as waiting; the parent suspends too and resumes when the child ends.
        await runner.subWorkflowWaits.link(request, handle.executionId);
        return { executionId: handle.executionId, waiting: true };
      }
      if (state.status !== 'success') {
        throw new GuixuError(
          'SUBWORKFLOW_NOT_FINISHED',
          `Sub-workflow "${workflow.name}" ended with status "${state.status}" instead of finishing`,
          { node: request.parent.node, details: { executionId: handle.executionId, status: state.status } },
        );
      }
      return { executionId: handle.executionId, items: finalItems(state) };
    },
  };
}

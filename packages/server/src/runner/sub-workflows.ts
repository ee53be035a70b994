import {
  finalItems,
  GuixuError,
  type NodeRegistry,
  type SubWorkflowRequest,
  type SubWorkflowResult,
  type SubWorkflowRunner,
  type Workflow,
} from '@guixu/core';
import type { InProcessRunner, LoadedWorkflow } from './runner.ts';

export interface StoredSubWorkflowOptions {
  runner: InProcessRunner;
  registry: NodeRegistry;
  loadWorkflow(id: string): Promise<LoadedWorkflow>;
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
 * so a full instance cannot deadlock on its own children.
 */
export function storedSubWorkflows(options: StoredSubWorkflowOptions): SubWorkflowRunner {
  const { runner } = options;
  const load = async (
    request: SubWorkflowRequest,
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
    try {
      const loaded = await options.loadWorkflow(id);
      return {
        workflow: loaded.workflow,
        id,
        ...(loaded.version === null ? {} : { version: loaded.version }),
      };
    } catch (error) {
      if (error instanceof GuixuError && error.code === 'WORKFLOW_NOT_FOUND') {
        throw new GuixuError('SUBWORKFLOW_NOT_FOUND', `Workflow "${id}" to execute was not found`, {
          node: request.parent.node,
          parameter: 'workflowId',
          details: { workflowId: id },
        });
      }
      throw error;
    }
  };

  return {
    async run(request: SubWorkflowRequest): Promise<SubWorkflowResult> {
      const { workflow, id, version } = await load(request);
      const triggerNode = entryNode(workflow, options.registry);
      const handle = await runner.start(
        {
          workflow,
          ...(id === undefined ? {} : { workflowId: id }),
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

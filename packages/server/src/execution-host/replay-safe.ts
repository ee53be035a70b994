import { graphOf, type NodeRegistry, type RunState, type Workflow } from '@guixu/core';

/**
 * Whether the node that runs next may run again after a crash without harm:
 * a data node (Set, Code, Filter…) only computes, so its checkpoint need not
 * be committed before it starts. Before any other node (HTTP Request, a
 * database, Execute Workflow…) the previous checkpoint is committed first,
 * so a crash re-runs only the node that was running. A finished execution
 * awaits its final write anyway. Webhook → Set therefore never waits for the
 * database between nodes.
 */
export function nextIsReplaySafe(registry: NodeRegistry, workflow: Workflow, state: RunState): boolean {
  if (state.status !== 'running' && state.status !== 'new') return true;
  const next = state.stack[0]?.node ?? state.waiting[0]?.node;
  if (next === undefined) return true;
  const node = graphOf(workflow).node(next);
  if (!node) return true;
  return registry.find(node.type, node.typeVersion)?.group === 'data';
}

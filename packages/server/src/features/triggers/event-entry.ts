import {
  type AnyNodeDefinition,
  CompiledParams,
  GuixuError,
  type NodeRegistry,
  type Workflow,
  type WorkflowNode,
} from '@guixu/core';

/** One enabled event trigger node of an active workflow, its parameters checked once. */
export interface EventEntry {
  workflowId: string;
  workflowVersion: number;
  workflow: Workflow;
  node: WorkflowNode;
  definition: AnyNodeDefinition;
  params: Record<string, unknown>;
  /** Changes when the node's parameters or credentials change: an unchanged listener is kept on save. */
  signature: string;
}

function invalid(node: WorkflowNode, message: string, parameter?: string): GuixuError {
  return new GuixuError('TRIGGER_INVALID', message, { node: node.name, ...(parameter ? { parameter } : {}) });
}

function paramsOf(definition: AnyNodeDefinition, node: WorkflowNode): Record<string, unknown> {
  let compiled: CompiledParams<AnyNodeDefinition['params']>;
  try {
    compiled = new CompiledParams(definition.params, node.parameters, node.name);
  } catch (error) {
    const parameter = error instanceof GuixuError ? error.parameter : undefined;
    throw invalid(node, error instanceof Error ? error.message : String(error), parameter);
  }
  return compiled.resolve((_source, path) => {
    throw invalid(
      node,
      `Parameter "${path}" of node "${node.name}" cannot be an expression: an event trigger reads it before any execution starts`,
      path,
    );
  });
}

/**
 * Every enabled `event`-kind trigger of a workflow. Throws TRIGGER_INVALID
 * naming node and parameter (bad value, expression, missing credential).
 */
export function eventEntries(
  workflow: Workflow,
  meta: { id: string; version: number },
  registry: NodeRegistry,
): EventEntry[] {
  const entries: EventEntry[] = [];
  for (const node of workflow.nodes) {
    if (node.disabled) continue;
    const definition = registry.find(node.type, node.typeVersion);
    if (definition?.trigger?.kind !== 'event') continue;
    if (!definition.listen) {
      throw invalid(node, `Node "${node.name}" (${node.type}) is an event trigger without a listener`);
    }
    for (const slot of definition.credentials ?? []) {
      if (slot.required && !node.credentials?.[slot.name]) {
        throw invalid(node, `Node "${node.name}" needs a "${slot.name}" credential but none is selected`);
      }
    }
    const params = paramsOf(definition, node);
    entries.push({
      workflowId: meta.id,
      workflowVersion: meta.version,
      workflow,
      node,
      definition,
      params,
      signature: JSON.stringify([node.type, node.typeVersion, node.parameters, node.credentials ?? null]),
    });
  }
  return entries;
}

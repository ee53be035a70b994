import type { WorkflowNode } from '@guixu/core';

/** A workflow node for tests and benchmarks: position and version filled in. */
export function workflowNode(
  name: string,
  type: string,
  parameters: Record<string, unknown> = {},
  extra: Partial<WorkflowNode> = {},
): WorkflowNode {
  return { id: name, name, type, typeVersion: 1, position: [0, 0], parameters, ...extra };
}

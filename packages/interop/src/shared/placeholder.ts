import type { ConnectionType, WorkflowNode } from '@guixu/core';

export const PLACEHOLDER_TYPE = 'guixu.placeholder';

export interface PlaceholderOptions {
  id: string;
  name: string;
  position: [number, number];
  originalType: string;
  originalTypeVersion: number;
  originalParameters: Record<string, unknown>;
  reason: string;
  inputs: ConnectionType[];
  outputs: ConnectionType[];
}

/** A disabled stand-in that keeps an unmapped node whole (see the guixu.placeholder node). */
export function placeholderNode(options: PlaceholderOptions): WorkflowNode {
  return {
    id: options.id,
    name: options.name,
    type: PLACEHOLDER_TYPE,
    typeVersion: 1,
    position: options.position,
    disabled: true,
    parameters: {
      originalType: options.originalType,
      originalTypeVersion: options.originalTypeVersion,
      originalParameters: options.originalParameters,
      reason: options.reason,
      ports: { inputs: options.inputs, outputs: options.outputs },
    },
  };
}

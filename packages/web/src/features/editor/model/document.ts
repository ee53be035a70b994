import type { Connections, WorkflowNode, WorkflowSettings } from '@guixu/core/workflow-schema';

export interface PinnedItem {
  json: Record<string, unknown>;
  [key: string]: unknown;
}

/** The workflow as the editor edits it: plain JSON, the same shape the API stores. */
export interface WorkflowDoc {
  name: string;
  nodes: WorkflowNode[];
  connections: Connections;
  settings: WorkflowSettings;
  pinData: Record<string, PinnedItem[]>;
}

export interface Endpoint {
  node: string;
  type: string;
  index: number;
}

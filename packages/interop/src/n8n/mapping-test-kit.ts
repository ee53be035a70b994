import type { NodeRegistry, Workflow, WorkflowNode } from '@guixu/core';
import type { ImportReport, NodeReport } from '../shared/report.ts';
import { importN8n } from './import-n8n.ts';

/** Imports one n8n node (behind a Manual Trigger) and returns what it became. */
export function importOne(
  registry: NodeRegistry,
  node: { type: string; typeVersion: number; parameters: Record<string, unknown>; [key: string]: unknown },
  connections: Record<string, unknown> = {},
): { node: WorkflowNode; report: NodeReport; workflow: Workflow; full: ImportReport } {
  const source = {
    nodes: [
      {
        id: 't',
        name: 'Trigger',
        type: 'n8n-nodes-base.manualTrigger',
        typeVersion: 1,
        position: [0, 0],
        parameters: {},
      },
      { id: 'n', name: 'Node', position: [200, 0], ...node },
    ],
    connections: { Trigger: { main: [[{ node: 'Node', type: 'main', index: 0 }]] }, ...connections },
  };
  const { workflow, report } = importN8n(source, { registry, fileName: 'test.json' });
  const index = workflow.nodes.findIndex((n) => n.name === 'Node');
  return { node: workflow.nodes[index], report: report.nodes[index], workflow, full: report };
}

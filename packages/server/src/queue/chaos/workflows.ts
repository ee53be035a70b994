import type { WorkflowNode } from '@guixu/core';

function node(name: string, type: string, parameters: Record<string, unknown>, x: number): WorkflowNode {
  return { id: `n-${x}`, name, type, typeVersion: 1, position: [x * 200, 0], parameters };
}

function set(name: string, field: string, value: string, x: number): WorkflowNode {
  return node(
    name,
    'guixu.set',
    { mode: 'manual', assignments: { assignments: [{ id: `a${x}`, name: field, type: 'string', value }] } },
    x,
  );
}

function chain(names: string[]) {
  const connections: Record<string, { main: { node: string; type: 'main'; index: number }[][] }> = {};
  for (let i = 0; i + 1 < names.length; i++) {
    connections[names[i]] = { main: [[{ node: names[i + 1], type: 'main', index: 0 }]] };
  }
  return connections;
}

/** The sub-workflow: Execute Workflow Trigger → Set. */
export function childWorkflow() {
  const nodes = [
    node('Start', 'guixu.executeWorkflowTrigger', {}, 0),
    set('Child Set', 'child', '=child of {{ $json.n }}', 1),
  ];
  return {
    name: 'Chaos child',
    nodes,
    connections: chain(nodes.map((n) => n.name)),
    settings: { timezone: 'UTC' },
  };
}

/** Ten nodes: a webhook, sets, two Waits (they suspend to the database) and a sub-workflow. */
export function chaosWorkflow(path: string, childId: string, waitSeconds: number) {
  const nodes = [
    node('Webhook', 'guixu.webhook', { httpMethod: 'POST', path, responseMode: 'onReceived' }, 0),
    set('A', 'n', '={{ $json.body.n }}', 1),
    set('B', 'b', '=b{{ $json.n }}', 2),
    node('Wait 1', 'guixu.wait', { resume: 'timeInterval', amount: waitSeconds, unit: 'seconds' }, 3),
    set('C', 'c', '=c{{ $json.n }}', 4),
    node(
      'Sub-workflow',
      'guixu.executeWorkflow',
      { source: 'database', workflowId: { __rl: true, mode: 'id', value: childId } },
      5,
    ),
    set('D', 'd', '=d{{ $json.child }}', 6),
    node('Wait 2', 'guixu.wait', { resume: 'timeInterval', amount: waitSeconds, unit: 'seconds' }, 7),
    set('E', 'e', '=e{{ $json.d }}', 8),
    set('F', 'done', '=yes', 9),
  ];
  return {
    name: 'Chaos parent',
    nodes,
    connections: chain(nodes.map((n) => n.name)),
    settings: { timezone: 'UTC' },
  };
}

export const CHAOS_NODES = 10;

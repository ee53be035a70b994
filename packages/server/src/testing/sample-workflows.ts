import type { WorkflowNode } from '@guixu/core';

/** Webhook → Set: the smallest workflow that can be activated. */
export function webhookWorkflow(name = 'Webhook to Set', path = 'hello') {
  const nodes: WorkflowNode[] = [
    {
      id: 'n-webhook',
      name: 'Webhook',
      type: 'guixu.webhook',
      typeVersion: 1,
      position: [0, 0],
      parameters: { httpMethod: 'POST', path, responseMode: 'lastNode' },
    },
    {
      id: 'n-set',
      name: 'Set',
      type: 'guixu.set',
      typeVersion: 1,
      position: [200, 0],
      parameters: {
        mode: 'manual',
        assignments: {
          assignments: [
            { id: 'a1', name: 'greeting', type: 'string', value: '=Hello {{ $json.body.name }}' },
          ],
        },
      },
    },
  ];
  return {
    name,
    nodes,
    connections: { Webhook: { main: [[{ node: 'Set', type: 'main', index: 0 }]] } },
    settings: { timezone: 'UTC' },
  };
}

import type { WorkflowNode } from '@guixu/core';
import type { TestApp } from '../../testing/test-app.ts';

/** Helpers for the trigger tests: create + activate workflows through the real API. */

export function node(
  name: string,
  type: string,
  parameters: Record<string, unknown>,
  extra: Partial<WorkflowNode> = {},
): WorkflowNode {
  return {
    id: `n-${name.toLowerCase().replace(/\W+/g, '-')}`,
    name,
    type,
    typeVersion: 1,
    position: [0, 0],
    parameters,
    ...extra,
  };
}

export function chain(names: string[]) {
  const connections: Record<string, { main: { node: string; type: 'main'; index: number }[][] }> = {};
  for (let i = 0; i + 1 < names.length; i++) {
    connections[names[i]] = { main: [[{ node: names[i + 1], type: 'main', index: 0 }]] };
  }
  return connections;
}

export function setNode(name: string, field: string, expression: string): WorkflowNode {
  return node(name, 'guixu.set', {
    mode: 'manual',
    assignments: { assignments: [{ id: 'a1', name: field, type: 'string', value: expression }] },
  });
}

export async function api(t: TestApp, method: 'GET' | 'POST' | 'DELETE', url: string, payload?: unknown) {
  const response = await t.app.inject({
    method,
    url,
    ...(payload === undefined
      ? {}
      : { payload: JSON.stringify(payload), headers: { 'content-type': 'application/json' } }),
  });
  const body: unknown = response.body === '' ? undefined : JSON.parse(response.body);
  return { status: response.statusCode, body, headers: response.headers };
}

function idOf(body: unknown): string {
  if (typeof body === 'object' && body !== null && 'id' in body && typeof body.id === 'string')
    return body.id;
  throw new Error(`no id in ${JSON.stringify(body)}`);
}

/** Creates a workflow; returns its id. */
export async function createWorkflow(
  t: TestApp,
  nodes: WorkflowNode[],
  connections: ReturnType<typeof chain>,
  settings: Record<string, unknown> = { timezone: 'UTC' },
): Promise<string> {
  const created = await api(t, 'POST', '/api/v1/workflows', {
    name: 'Trigger test',
    nodes,
    connections,
    settings,
  });
  if (created.status !== 201) throw new Error(`create failed: ${JSON.stringify(created.body)}`);
  return idOf(created.body);
}

/** Creates and activates a workflow; returns its id. */
export async function activeWorkflow(
  t: TestApp,
  nodes: WorkflowNode[],
  connections: ReturnType<typeof chain>,
  settings?: Record<string, unknown>,
): Promise<string> {
  const id = await createWorkflow(t, nodes, connections, settings);
  const activated = await api(t, 'POST', `/api/v1/workflows/${id}/activate`);
  if (activated.status !== 200) throw new Error(`activate failed: ${JSON.stringify(activated.body)}`);
  return id;
}

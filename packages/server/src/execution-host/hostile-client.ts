import { z } from 'zod';
import { json } from '../security/testing/identities.ts';
import type { TestApp } from '../testing/test-app.ts';

/** Small API client for the isolation tests of the execution host. */

const idBody = z.object({ id: z.string() });
const startedBody = z.object({ executionId: z.string() });
const executionBody = z.object({
  status: z.string(),
  error: z.object({ code: z.string(), message: z.string() }).nullable().optional(),
});
export type ExecutionView = z.infer<typeof executionBody>;

export async function createWorkflow(t: TestApp, document: object, projectId?: string): Promise<string> {
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/v1/workflows',
    payload: { ...document, ...(projectId ? { projectId } : {}) },
  });
  if (res.statusCode !== 201 && res.statusCode !== 200)
    throw new Error(`create: ${res.statusCode} ${res.body}`);
  return idBody.parse(json(res)).id;
}

export async function activate(t: TestApp, id: string): Promise<void> {
  const res = await t.app.inject({ method: 'POST', url: `/api/v1/workflows/${id}/activate`, payload: {} });
  if (res.statusCode >= 300) throw new Error(`activate: ${res.statusCode} ${res.body}`);
}

/** Starts a run without waiting for it; its execution id. */
export async function startRun(t: TestApp, id: string, input?: object[]): Promise<string> {
  const res = await t.app.inject({
    method: 'POST',
    url: `/api/v1/workflows/${id}/run`,
    payload: input ? { input } : {},
  });
  if (res.statusCode >= 300) throw new Error(`run: ${res.statusCode} ${res.body}`);
  return startedBody.parse(json(res)).executionId;
}

export async function executionOf(t: TestApp, id: string): Promise<ExecutionView> {
  const res = await t.app.inject({ method: 'GET', url: `/api/v1/executions/${id}` });
  if (res.statusCode !== 200) throw new Error(`get execution: ${res.statusCode} ${res.body}`);
  return executionBody.parse(json(res));
}

const RUNNING = new Set(['new', 'running']);

export async function waitUntil(
  t: TestApp,
  id: string,
  done: (execution: ExecutionView) => boolean,
  timeoutMs: number,
): Promise<ExecutionView> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const execution = await executionOf(t, id);
    if (done(execution)) return execution;
    if (Date.now() > deadline) throw new Error(`execution ${id} is still ${execution.status}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

export const ended = (t: TestApp, id: string, timeoutMs = 60_000) =>
  waitUntil(t, id, (execution) => !RUNNING.has(execution.status), timeoutMs);

export const running = (t: TestApp, id: string) =>
  waitUntil(t, id, (execution) => execution.status === 'running', 30_000);

/** One `/healthz` request through the app; its latency in ms. */
export async function healthzLatency(t: TestApp): Promise<number> {
  const started = performance.now();
  const res = await t.app.inject({ method: 'GET', url: '/healthz' });
  if (res.statusCode !== 200) throw new Error(`healthz: ${res.statusCode}`);
  return performance.now() - started;
}

/** Calls a production webhook; its status, body and latency. */
export async function callWebhook(t: TestApp, path: string, body: object) {
  const started = performance.now();
  const res = await t.app.inject({ method: 'POST', url: `/webhook/${path}`, payload: body });
  return { status: res.statusCode, body: res.body, ms: performance.now() - started };
}

export const median = (values: number[]) =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;

import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { executionDetailSchema, executionStartedSchema } from '@guixu/api';
import type { Workflow, WorkflowNode } from '@guixu/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { BACKENDS, testDatabaseConfig } from '../testing/test-database.ts';
import {
  api,
  type ChildServer,
  killChildServers,
  signInAsOwner,
  startChildServer,
  until,
} from './child-server.ts';
import { waitWorkflow } from './test-workflows.ts';

const idOf = (body: unknown) => z.object({ id: z.string() }).parse(body).id;

/** Counts calls per step and answers each slowly, so the server can be killed while a step runs. */
function stepServer(delayMs: number) {
  const calls: string[] = [];
  const server: Server = createServer((request, response) => {
    const step = new URL(request.url ?? '/', 'http://x').searchParams.get('step') ?? '?';
    calls.push(step);
    setTimeout(() => {
      response.setHeader('content-type', 'application/json');
      response.end(JSON.stringify({ step, call: calls.length }));
    }, delayMs);
  });
  return { calls, server };
}

function stepsWorkflow(port: number, steps: number): Workflow {
  const names = ['Start', ...Array.from({ length: steps }, (_, i) => `Step ${i + 1}`)];
  const nodes: WorkflowNode[] = names.map((name, i) => ({
    id: `n${i}`,
    name,
    type: i === 0 ? 'guixu.manualTrigger' : 'guixu.httpRequest',
    typeVersion: 1,
    position: [i * 200, 0],
    parameters:
      i === 0 ? {} : { method: 'GET', url: `http://127.0.0.1:${port}/step?step=${encodeURIComponent(name)}` },
  }));
  const connections = Object.fromEntries(
    names.slice(0, -1).map((name, i) => [name, { main: [[{ node: names[i + 1], type: 'main', index: 0 }]] }]),
  );
  return { name: 'Crash me', nodes, connections, settings: {} };
}

// Real processes and every route: minutes on a loaded 2-core machine, so a bound, not a speed check.
describe.each(BACKENDS)('crash recovery with a real process on %s', { timeout: 180_000 }, (kind) => {
  let dataDir: string;
  let env: Record<string, string>;
  let cleanup: () => Promise<void>;
  const steps = stepServer(700);
  let server: ChildServer | undefined;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'guixu-crash-'));
    const db = testDatabaseConfig(kind);
    cleanup = db.cleanup;
    env = { GUIXU_DATA_DIR: dataDir, GUIXU_SHUTDOWN_TIMEOUT_SECONDS: '2' };
    if (db.config.kind === 'postgres') {
      env.DATABASE_URL = db.config.url;
      if (db.config.schema) env.GUIXU_DATABASE_SCHEMA = db.config.schema;
    } else {
      env.DATABASE_URL = `sqlite:${db.config.file}`;
    }
    await new Promise<void>((resolve) => steps.server.listen(0, '127.0.0.1', resolve));
  });
  afterAll(async () => {
    await server?.kill();
    killChildServers();
    steps.server.close();
    await cleanup();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const detail = async (base: string, id: string) =>
    executionDetailSchema.parse((await api('GET', `${base}/api/v1/executions/${id}`)).body);

  it('finishes a run killed with SIGKILL, running only the interrupted node again', async () => {
    server = await startChildServer(env);
    await signInAsOwner(server.url);
    const port = (steps.server.address() as AddressInfo).port;
    const created = await api('POST', `${server.url}/api/v1/workflows`, stepsWorkflow(port, 4));
    const workflowId = idOf(created.body);
    const run = await api('POST', `${server.url}/api/v1/workflows/${workflowId}/run`, {});
    expect(run.status).toBe(202);
    const { executionId } = executionStartedSchema.parse(run.body);

    // Step 3 has been called: Steps 1 and 2 are done and checkpointed, Step 3 is running.
    await until(() => (steps.calls.includes('Step 3') ? true : undefined), 30_000, 'step 3 to start');
    await server.kill();
    expect(steps.calls).toEqual(['Step 1', 'Step 2', 'Step 3']);

    server = await startChildServer(env);
    await signInAsOwner(server.url);
    const base = server.url;
    const done = await until(
      async () => {
        const d = await detail(base, executionId);
        return d.status === 'running' ? undefined : d;
      },
      30_000,
      'the recovered execution to finish',
    );
    expect(done.status).toBe('success');
    // Every node ran once in the saved run data; only the interrupted Step 3 was called twice.
    for (const name of ['Start', 'Step 1', 'Step 2', 'Step 3', 'Step 4'])
      expect(done.runData[name], name).toHaveLength(1);
    expect(steps.calls).toEqual(['Step 1', 'Step 2', 'Step 3', 'Step 3', 'Step 4']);
    expect(done.runData['Step 4']?.[0]?.output[0]?.[0]?.json).toEqual({ step: 'Step 4', call: 5 });
    expect(done.runData['Step 2']?.[0]?.output[0]?.[0]?.json).toEqual({ step: 'Step 2', call: 2 });
    await server.stop();
    server = undefined;
  });

  it('leaves what does not finish within the shutdown grace period to the next start', async () => {
    server = await startChildServer(env);
    await signInAsOwner(server.url);
    const port = (steps.server.address() as AddressInfo).port;
    steps.calls.length = 0;
    const created = await api('POST', `${server.url}/api/v1/workflows`, stepsWorkflow(port, 8));
    const workflowId = idOf(created.body);
    const run = await api('POST', `${server.url}/api/v1/workflows/${workflowId}/run`, {});
    const { executionId } = executionStartedSchema.parse(run.body);
    await until(() => (steps.calls.length > 0 ? true : undefined), 30_000, 'the first step');
    // 8 steps of 700 ms cannot finish within the grace period (80% of 2 s).
    await server.stop();
    expect(server.output()).toContain('executions left for recovery');
    const before = steps.calls.length;
    expect(before).toBeLessThan(8);

    server = await startChildServer(env);
    await signInAsOwner(server.url);
    const base = server.url;
    const done = await until(
      async () => {
        const d = await detail(base, executionId);
        return d.status === 'running' ? undefined : d;
      },
      60_000,
      'the execution left at shutdown to finish',
    );
    expect(done.status).toBe('success');
    const names = Array.from({ length: 8 }, (_, i) => `Step ${i + 1}`);
    for (const name of names) expect(done.runData[name], name).toHaveLength(1);
    // At most the one step that was running at shutdown was called twice.
    expect(new Set(steps.calls)).toEqual(new Set(names));
    expect(steps.calls.length - names.length).toBeLessThanOrEqual(1);
    await server.stop();
    server = undefined;
  });

  it('resumes a time wait across a restart', async () => {
    server = await startChildServer(env);
    // Each test signs in itself, so it does not depend on the tests before it.
    await signInAsOwner(server.url);
    const created = await api(
      'POST',
      `${server.url}/api/v1/workflows`,
      waitWorkflow({ seconds: 2 }, 'Wait across'),
    );
    const workflowId = idOf(created.body);
    const run = await api('POST', `${server.url}/api/v1/workflows/${workflowId}/run`, {
      wait: true,
      input: { n: 7 },
    });
    const waiting = executionStartedSchema.parse(run.body);
    expect(waiting.status).toBe('waiting');
    await server.stop();

    server = await startChildServer(env);
    await signInAsOwner(server.url);
    const base = server.url;
    const done = await until(
      async () => {
        const d = await detail(base, waiting.executionId);
        return d.status === 'waiting' || d.status === 'running' ? undefined : d;
      },
      30_000,
      'the wait to resume after the restart',
    );
    expect(done.status).toBe('success');
    expect(done.runData.Wait).toHaveLength(1);
    expect(done.runData.After).toHaveLength(1);
    expect(done.runData.After?.[0]?.output[0]?.[0]?.json).toEqual({ n: 7, resumed: 'yes' });
    await server.stop();
    server = undefined;
  });
});

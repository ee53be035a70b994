import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server, type ServerResponse } from 'node:http';
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

const idOf = (body: unknown) => z.object({ id: z.string() }).parse(body).id;

/**
 * Counts the `?step=` calls and never answers the first call of each step, so the server is always
 * killed while that step runs, however slow the machine; later calls (the recovered runs) answer at once.
 */
function stepServer() {
  const calls: string[] = [];
  const held: ServerResponse[] = [];
  const server: Server = createServer((request, response) => {
    const step = new URL(request.url ?? '/', 'http://x').searchParams.get('step') ?? '?';
    calls.push(step);
    if (calls.filter((c) => c === step).length === 1) {
      held.push(response);
      return;
    }
    response.setHeader('content-type', 'application/json');
    response.end(JSON.stringify({ step, call: calls.length }));
  });
  const close = () => {
    for (const response of held) response.destroy();
    server.closeAllConnections();
    server.close();
  };
  return { calls, server, close };
}

const node = (name: string, type: string, parameters: Record<string, unknown>, x: number): WorkflowNode => ({
  id: name.toLowerCase().replace(/[^a-z0-9]+/g, '-'),
  name,
  type,
  typeVersion: 1,
  position: [x, 0],
  parameters,
});
const chain = (names: string[]) =>
  Object.fromEntries(
    names.slice(0, -1).map((name, i) => [name, { main: [[{ node: names[i + 1], type: 'main', index: 0 }]] }]),
  );
const step = (name: string, port: number, x: number) =>
  node(name, 'guixu.httpRequest', { method: 'GET', url: `http://127.0.0.1:${port}/step?step=${name}` }, x);

// Real processes killed with SIGKILL and started three times: minutes on a loaded 2-core machine, so a bound.
describe.each(BACKENDS)('a sub-workflow that waits, across SIGKILLs, on %s', { timeout: 420_000 }, (kind) => {
  let dataDir: string;
  let env: Record<string, string>;
  let cleanup: () => Promise<void>;
  const steps = stepServer();
  let server: ChildServer | undefined;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'guixu-subwait-crash-'));
    const db = testDatabaseConfig(kind);
    cleanup = db.cleanup;
    // The inline host: what is tested is the database across restarts, not the worker threads
    // (crash-recovery.test.ts runs those), and each start is then seconds shorter.
    env = { GUIXU_DATA_DIR: dataDir, GUIXU_SHUTDOWN_TIMEOUT_SECONDS: '2', GUIXU_EXECUTION_WORKERS: '0' };
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
    steps.close();
    await cleanup();
    rmSync(dataDir, { recursive: true, force: true });
  });

  async function restart(): Promise<string> {
    server = await startChildServer(env);
    await signInAsOwner(server.url);
    return server.url;
  }
  const detail = async (base: string, id: string) =>
    executionDetailSchema.parse((await api('GET', `${base}/api/v1/executions/${id}`)).body);
  const called = (name: string) => until(() => (steps.calls.includes(name) ? true : undefined), 60_000, name);

  it('finishes the child and then the parent, each killed mid-step, with the parent node run once', async () => {
    let base = await restart();
    const port = (steps.server.address() as AddressInfo).port;
    const child: Workflow = {
      name: 'Child',
      nodes: [
        node('Called', 'guixu.executeWorkflowTrigger', { inputSource: 'passthrough' }, 0),
        node(
          'Wait',
          'guixu.wait',
          { resume: 'webhook', httpMethod: 'POST', responseMode: 'onReceived' },
          200,
        ),
        step('child', port, 400),
      ],
      connections: chain(['Called', 'Wait', 'child']),
      settings: {},
    };
    const childId = idOf((await api('POST', `${base}/api/v1/workflows`, child)).body);
    const parent: Workflow = {
      name: 'Parent',
      nodes: [
        node('Start', 'guixu.manualTrigger', {}, 0),
        node('Call', 'guixu.executeWorkflow', { source: 'database', workflowId: childId }, 200),
        step('parent', port, 400),
      ],
      connections: chain(['Start', 'Call', 'parent']),
      settings: {},
    };
    const parentId = idOf((await api('POST', `${base}/api/v1/workflows`, parent)).body);
    const run = await api('POST', `${base}/api/v1/workflows/${parentId}/run`, {
      wait: true,
      input: { n: 1 },
    });
    const waiting = executionStartedSchema.parse(run.body);
    expect(waiting.status).toBe('waiting');
    const children = z
      .object({ data: z.array(z.object({ id: z.string() })) })
      .parse((await api('GET', `${base}/api/v1/executions?mode=subworkflow`)).body).data;
    expect(children).toHaveLength(1);
    const childExecution = children[0].id;

    // The child resumes and is killed in its step after the Wait: the parent still waits.
    expect((await api('POST', `${base}/webhook-waiting/${childExecution}`, { v: 1 })).status).toBe(200);
    await called('child');
    await server?.kill();

    // Recovery finishes the child (its step again), which resumes the parent: killed in its own step.
    base = await restart();
    await called('parent');
    await server?.kill();
    expect(steps.calls).toEqual(['child', 'child', 'parent']);

    base = await restart();
    const url = base;
    const done = await until(
      async () => {
        const d = await detail(url, waiting.executionId);
        return d.status === 'success' || d.status === 'error' ? d : undefined;
      },
      60_000,
      'the parent to finish',
    );
    expect(done.status).toBe('success');
    expect(done.runData.Call).toHaveLength(1);
    expect(done.runData.parent).toHaveLength(1);
    // The Call node's output is the child's step answer from its second (recovered) call.
    expect(done.runData.Call?.[0]?.output[0]?.[0]?.json).toEqual({ step: 'child', call: 2 });
    expect(steps.calls).toEqual(['child', 'child', 'parent', 'parent']);
    expect((await detail(url, childExecution)).status).toBe('success');
    await server?.stop();
    server = undefined;
  });
});

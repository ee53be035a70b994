import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createProject } from '../security/testing/identities.ts';
import { webhookWorkflow } from '../testing/sample-workflows.ts';
import { createTestApp, type TestApp } from '../testing/test-app.ts';
import { manualSetWorkflow } from '../runner/test-workflows.ts';
import {
  activate,
  callWebhook,
  createWorkflow,
  ended,
  healthzLatency,
  median,
  running,
  startRun,
} from './hostile-client.ts';
import {
  cpuHog,
  endlessExpression,
  largeOutputs,
  memoryBomb,
  memoryBombInput,
  regexBomb,
  runawayCode,
} from './hostile-workflows.ts';

// Executions run in worker threads with a heap cap and a CPU budget; the HTTP
// thread never runs user logic. Limits are small here so hostile runs end fast.
const env = {
  GUIXU_EXECUTION_WORKERS: '4',
  GUIXU_EXECUTION_MEMORY_MB: '128',
  GUIXU_EXECUTION_CPU_LIMIT_SECONDS: '3',
  GUIXU_CODE_TIMEOUT_MS: '2000',
  GUIXU_EXECUTION_DATA_MAX_MB: '4',
};

describe('hostile executions (sqlite)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp('sqlite', { env });
  });
  afterAll(async () => {
    await t.dispose();
  });

  it('keeps /healthz fast while a CPU hog runs, then stops the hog with EXECUTION_CPU_LIMIT', async () => {
    const hog = await startRun(t, await createWorkflow(t, cpuHog()));
    await running(t, hog);
    const latencies: number[] = [];
    for (let i = 0; i < 5; i++) latencies.push(await healthzLatency(t));
    // Measured while the hog is still in flight (it runs for the whole 3 s budget).
    expect((await ended(t, hog, 0).catch(() => null))?.status).toBeUndefined();
    console.log(`/healthz while a CPU hog runs: ${latencies.map((ms) => ms.toFixed(1)).join(', ')} ms`);
    expect(Math.min(...latencies)).toBeLessThan(100);
    expect(Math.max(...latencies)).toBeLessThan(1000);
    const outcome = await ended(t, hog);
    expect(outcome.status).toBe('error');
    expect(outcome.error?.code).toBe('EXECUTION_CPU_LIMIT');
    const normal = await ended(t, await startRun(t, await createWorkflow(t, manualSetWorkflow())));
    expect(normal.status).toBe('success');
  });

  it('records EXECUTION_MEMORY_LIMIT for a memory bomb and keeps serving other executions', async () => {
    const bomb = await startRun(t, await createWorkflow(t, memoryBomb()), memoryBombInput);
    const outcome = await ended(t, bomb);
    expect(outcome.status).toBe('error');
    expect(outcome.error?.code).toBe('EXECUTION_MEMORY_LIMIT');
    const normal = await ended(t, await startRun(t, await createWorkflow(t, manualSetWorkflow())));
    expect(normal.status).toBe('success');
  });

  it('fails an execution whose data outgrows the per-execution limit with EXECUTION_DATA_TOO_LARGE', async () => {
    const input = Array.from({ length: 3 }, (_, i) => ({ i }));
    const outcome = await ended(t, await startRun(t, await createWorkflow(t, largeOutputs()), input));
    expect(outcome.status).toBe('error');
    expect(outcome.error?.code).toBe('EXECUTION_DATA_TOO_LARGE');
  });

  it('survives every attack at once while another tenant’s webhook keeps answering', async () => {
    const owner = t.owner;
    if (!owner) throw new Error('the test app has an owner');
    const other = await createProject(t.app, owner, 'Other tenant');
    const hook = await createWorkflow(t, webhookWorkflow('Other tenant hook', 'other-tenant'), other);
    await activate(t, hook);
    // Every worker thread started (from sources that takes seconds), as on a server that has been up a while.
    await t.ctx.services.get('executions').prewarm(true);
    const baseline: number[] = [];
    for (let i = 0; i < 5; i++) {
      const answer = await callWebhook(t, 'other-tenant', { name: 'Ada' });
      expect(answer.status).toBe(200);
      baseline.push(answer.ms);
    }
    const attacks = [
      await startRun(t, await createWorkflow(t, memoryBomb()), memoryBombInput),
      await startRun(t, await createWorkflow(t, cpuHog())),
      await startRun(t, await createWorkflow(t, regexBomb())),
      await startRun(t, await createWorkflow(t, endlessExpression())),
      await startRun(t, await createWorkflow(t, runawayCode())),
      await startRun(t, await createWorkflow(t, runawayCode())),
    ];
    const during: number[] = [];
    const deadline = Date.now() + 2_500;
    while (Date.now() < deadline) {
      const answer = await callWebhook(t, 'other-tenant', { name: 'Ada' });
      expect(answer.body).toContain('Hello Ada');
      expect(answer.status).toBe(200);
      during.push(answer.ms);
    }
    const outcomes = await Promise.all(attacks.map((id) => ended(t, id)));
    console.log(
      `other tenant's webhook: ${median(baseline).toFixed(1)} ms before, median ${median(during).toFixed(1)} ms / max ${Math.max(...during).toFixed(1)} ms over ${during.length} calls during the attacks; attacks ended ${outcomes.map((o) => o.error?.code).join(', ')}`,
    );
    // The regex bomb is harmless on the linear-time regex engine; every other attack fails alone.
    expect(outcomes.map((o) => o.status)).toEqual([
      'error',
      'error',
      outcomes[2].status,
      'error',
      'error',
      'error',
    ]);
    // Near its heap cap the memory bomb's worker collects garbage without end: whichever limit
    // stops it first (heap or CPU time) is recorded.
    expect(['EXECUTION_MEMORY_LIMIT', 'EXECUTION_CPU_LIMIT']).toContain(outcomes[0].error?.code);
    expect(outcomes[1].error?.code).toBe('EXECUTION_CPU_LIMIT');
    expect(['success', 'error']).toContain(outcomes[2].status);
    expect(median(during)).toBeLessThan(Math.max(250, 10 * median(baseline)));
    expect((await callWebhook(t, 'other-tenant', { name: 'Ada' })).status).toBe(200);
  });
});

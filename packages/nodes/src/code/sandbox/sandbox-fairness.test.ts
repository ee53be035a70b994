/**
 * Issue 8, finding 5: two `while (true) {}` runs of one project held both
 * sandbox processes for the whole timeout, and every other project's Code
 * node waited (57.9 s measured).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { SandboxPool, type SandboxRunOptions } from './sandbox-client.ts';
import { returned, testJob, testRun } from './test-jobs.ts';

const TIMEOUT_MS = 3_000;
const pools: SandboxPool[] = [];
afterEach(() => {
  for (const pool of pools.splice(0)) pool.close();
});

function pool(settings: ConstructorParameters<typeof SandboxPool>[0]): SandboxPool {
  const created = new SandboxPool(settings);
  pools.push(created);
  return created;
}

function run(code: string, tenant: string, extra: Partial<SandboxRunOptions> = {}): SandboxRunOptions {
  return testRun(code, { job: testJob(code, TIMEOUT_MS), tenant, ...extra });
}

const value = returned;

describe('SandboxPool fairness', () => {
  it("keeps another project's Code node running while one project spins in two endless loops", async () => {
    const sandbox = pool({ maxProcesses: () => 2, perTenant: () => 1, minProcesses: 2 });
    await sandbox.prewarm();
    const settled: string[] = [];
    let spinning!: () => void;
    const started = new Promise<void>((resolve) => {
      spinning = resolve;
    });
    const hostile = [1, 2].map((n) =>
      sandbox
        .run(run("console.log('spinning');\nwhile (true) {}", 'project:hostile', { onLog: () => spinning() }))
        .then((outcome) => {
          settled.push(`hostile ${n}`);
          return outcome;
        }),
    );
    await started;
    const asked = performance.now();
    const victim = await sandbox.run(run('return [{ answered: true }];', 'project:other'));
    const waited = performance.now() - asked;
    settled.push('other');
    console.log(
      `[fairness] the other project's run took ${Math.round(waited)} ms (timeout ${TIMEOUT_MS} ms)`,
    );
    expect(value(victim)).toEqual([{ answered: true }]);
    // Both endless loops are still stopped by their own timeout…
    const outcomes = await Promise.all(hostile);
    for (const outcome of outcomes)
      expect(outcome).toMatchObject({ kind: 'failed', failure: { reason: 'timeout' } });
    // …but the other project did not wait for either of them.
    expect(settled).toEqual(['other', 'hostile 1', 'hostile 2']);
    expect(waited).toBeLessThan(TIMEOUT_MS);
  }, 30_000);

  it('replaces a process whose run timed out at once, before the next run asks', async () => {
    const sandbox = pool({ maxProcesses: () => 2, minProcesses: 2 });
    await sandbox.prewarm();
    const before = sandbox.processIds();
    const outcome = await sandbox.run(run('while (true) {}', 'project:a'));
    expect(outcome).toMatchObject({ kind: 'failed', failure: { reason: 'timeout' } });
    const after = sandbox.processIds();
    expect(after).toHaveLength(2);
    expect(after.filter((pid) => before.includes(pid))).toHaveLength(1);
    expect(value(await sandbox.run(run('return [{ next: 1 }];', 'project:a')))).toEqual([{ next: 1 }]);
  }, 30_000);

  it('starts processes on demand up to its limit, and queues beyond it', async () => {
    const sandbox = pool({ maxProcesses: () => 3, perTenant: () => 3, minProcesses: 0 });
    expect(sandbox.processIds()).toHaveLength(0);
    const outcomes = await Promise.all(
      [1, 2, 3, 4, 5].map((n) =>
        sandbox.run(run(`await new Promise((r) => setTimeout(r, 100));\nreturn [{ n: ${n} }];`, 'project:a')),
      ),
    );
    expect(outcomes.map(value)).toEqual([[{ n: 1 }], [{ n: 2 }], [{ n: 3 }], [{ n: 4 }], [{ n: 5 }]]);
    expect(sandbox.processIds()).toHaveLength(3);
  }, 30_000);

  it('cancels a run still waiting for a process when its signal aborts', async () => {
    const sandbox = pool({ maxProcesses: () => 1, minProcesses: 1 });
    await sandbox.prewarm();
    const busy = sandbox.run(run('await new Promise((r) => setTimeout(r, 500));\nreturn [];', 'project:a'));
    const controller = new AbortController();
    const waiting = sandbox.run(run('return [{ never: true }];', 'project:b', { signal: controller.signal }));
    controller.abort();
    expect(await waiting).toEqual({
      kind: 'failed',
      failure: { reason: 'canceled', message: 'The run was canceled' },
    });
    expect(value(await busy)).toEqual([]);
  }, 30_000);
});

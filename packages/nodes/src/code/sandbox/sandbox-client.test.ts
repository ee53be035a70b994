import { afterAll, describe, expect, it } from 'vitest';
import { SandboxPool } from './sandbox-client.ts';
import { testJob, testRun } from './test-jobs.ts';

const pool = new SandboxPool(() => 1);
afterAll(() => pool.close());

const job = testJob;
const options = testRun;

describe('SandboxPool', () => {
  it('queues runs beyond its size and finishes every one', async () => {
    const outcomes = await Promise.all(
      [1, 2, 3, 4].map((n) =>
        pool.run(options(`await new Promise((r) => setTimeout(r, 10));\nreturn [{ n: ${n} }];`)),
      ),
    );
    expect(
      outcomes.map((o) =>
        o.kind === 'result' && o.result.mode === 'all' && 'value' in o.result ? o.result.value : o,
      ),
    ).toEqual([[{ n: 1 }], [{ n: 2 }], [{ n: 3 }], [{ n: 4 }]]);
  });

  it('fails only the running job when its process dies, and starts a new process for the next', async () => {
    const before = pool.processIds();
    expect(before).toHaveLength(1);
    const outcome = await pool.run({
      ...options(''),
      job: job("console.log('started');\nwhile (true) {}", 30_000),
      onLog: () => process.kill(before[0], 'SIGKILL'),
    });
    expect(outcome).toEqual({
      kind: 'failed',
      failure: { reason: 'crash', message: 'The sandbox process stopped (SIGKILL)' },
    });
    const next = await pool.run(options('return [{ alive: true }];'));
    expect(next).toMatchObject({ kind: 'result', result: { value: [{ alive: true }] } });
    expect(pool.processIds()).toHaveLength(1);
    expect(pool.processIds()[0]).not.toBe(before[0]);
  });

  it('sends lookups to the host and console output to onLog while the job runs', async () => {
    const logs: string[] = [];
    const outcome = await pool.run({
      ...options("console.log('asking');\nreturn [{ prev: $prevNode }];"),
      onLog: (level, message) => logs.push(`${level}: ${message}`),
      onLookup: (request) => ({ ok: true, json: JSON.stringify({ name: `answer for ${request.name}` }) }),
    });
    expect(outcome).toMatchObject({
      kind: 'result',
      result: { value: [{ prev: { name: 'answer for $prevNode' } }] },
    });
    expect(logs).toEqual(['info: asking']);
  });

  it('prewarms up to its size, then reuses the warm processes', async () => {
    const warm = new SandboxPool(() => 2);
    try {
      await warm.prewarm();
      const pids = warm.processIds();
      expect(pids).toHaveLength(2);
      await Promise.all([warm.run(options('return [];')), warm.run(options('return [];'))]);
      expect(warm.processIds().sort()).toEqual([...pids].sort());
    } finally {
      warm.close();
    }
  });
});

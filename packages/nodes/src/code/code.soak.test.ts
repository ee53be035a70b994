/**
 * Code runs at volume: the isolate's heap must not accumulate across runs
 * (issue 8, finding 5: a loop could run only ~580 Code nodes, and trivial runs
 * failed now and then under load with "memory limit"). The default suite runs
 * 2,000 of each; `.ci/run` runs it again with GUIXU_CODE_SOAK_RUNS=10000 (Node 24 lane).
 */
import { createEngine, type Workflow } from '@guixu/core';
import { buildWorkflow, testRegistry, testServices } from '@guixu/core/test-kit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ifNode from '../if/if.node.ts';
import code from './code.node.ts';
import type { SandboxStats } from './sandbox/protocol.ts';
import { SandboxPool } from './sandbox/sandbox-client.ts';
import { SANDBOX_TENANT_SERVICE } from './sandbox/tenant.ts';

const RUNS = Number(process.env.GUIXU_CODE_SOAK_RUNS ?? 2_000);
const CONCURRENCY = 32;
const MB = 1024 * 1024;
const registry = testRegistry().register(code).register(ifNode);
const pool = new SandboxPool({ maxProcesses: () => 2, perTenant: () => 2, minProcesses: 2 });
afterAll(() => pool.close());

// Each run leaves ~400 kB of garbage in the isolate: kept across runs, 2,000 runs would pass 128 MB.
const COUNT = `const n = $input.first().json.n ?? 0;
const garbage = new Array(50000).fill(n);
return [{ n: n + 1, size: garbage.length }];`;

const single = buildWorkflow(
  [
    { name: 'Trigger', type: 'test.trigger' },
    { name: 'Count', type: 'guixu.code', typeVersion: 2, parameters: { jsCode: COUNT } },
  ],
  ['Trigger -> Count'],
);

/** `project` is what a server sets per execution (sandbox/tenant.ts). */
async function execute(workflow: Workflow, executionId: string, project?: string) {
  const services = { ...testServices(), codeSandbox: pool, [SANDBOX_TENANT_SERVICE]: project };
  const engine = createEngine({ registry, services });
  const state = engine.start(workflow, { executionId, mode: 'manual', triggerItems: [{ json: { n: 0 } }] });
  await engine.run(workflow, state);
  return state;
}

function summary(stats: SandboxStats[]) {
  return stats.map((s) => ({
    jobs: s.jobs,
    isolates: s.isolatesCreated,
    heapMb: Math.round(s.isolateHeapUsedBytes / MB),
    rssMb: Math.round(s.processRssBytes / MB),
  }));
}

const WARM_UP = 200;
// The baseline is taken once both processes have run a few hundred jobs: V8's heaps have grown to size.
beforeAll(async () => {
  await pool.prewarm();
  await Promise.all(Array.from({ length: WARM_UP }, (_, n) => execute(single, `warm-${n}`)));
}, 120_000);

const total = (stats: SandboxStats[], pick: (s: SandboxStats) => number) =>
  stats.reduce((sum, s) => sum + pick(s), 0);

describe(`Code at volume (${RUNS} runs)`, () => {
  it(`runs a Code node ${RUNS} times in one execution without its memory growing`, async () => {
    const workflow = buildWorkflow(
      [
        { name: 'Trigger', type: 'test.trigger' },
        { name: 'Count', type: 'guixu.code', typeVersion: 2, parameters: { jsCode: COUNT } },
        {
          name: 'Again',
          type: 'guixu.if',
          parameters: {
            conditions: {
              options: { caseSensitive: true, typeValidation: 'strict', version: 3 },
              combinator: 'and',
              conditions: [
                {
                  leftValue: '={{ $json.n }}',
                  rightValue: RUNS,
                  operator: { type: 'number', operation: 'lt' },
                },
              ],
            },
          },
        },
      ],
      ['Trigger -> Count', 'Count -> Again', 'Again:0 -> Count'],
    );
    workflow.settings = { ...workflow.settings, maxNodeRuns: 3 * RUNS };
    const before = await pool.stats();
    const state = await execute(workflow, 'soak-loop');
    const after = await pool.stats();
    console.log(
      `[code soak] one execution, ${RUNS} Code runs: before`,
      summary(before),
      'after',
      summary(after),
    );
    expect(state.error).toBeUndefined();
    expect(state.status).toBe('success');
    expect(state.runData.Count).toHaveLength(RUNS);
    expect(state.runData.Count.at(-1)?.data?.main[0]?.[0]?.json).toEqual({ n: RUNS, size: 50_000 });
    // Flat: the isolate was not recycled for being full after every few runs, and the process did not grow.
    expect(total(after, (s) => s.isolatesCreated) - total(before, (s) => s.isolatesCreated)).toBeLessThan(
      RUNS / 200,
    );
    expect(total(after, (s) => s.processRssBytes) - total(before, (s) => s.processRssBytes)).toBeLessThan(
      256 * MB,
    );
  }, 600_000);

  it(`runs ${RUNS} Code executions ${CONCURRENCY} at a time, from four projects, with no failure`, async () => {
    const before = await pool.stats();
    let next = 0;
    const failures: string[] = [];
    const worker = async () => {
      while (next < RUNS) {
        const n = next++;
        const state = await execute(single, `soak-${n}`, `project-${n % 4}`);
        if (state.status !== 'success') failures.push(`${n}: ${state.error?.message ?? state.status}`);
      }
    };
    await Promise.all(Array.from({ length: CONCURRENCY }, worker));
    const after = await pool.stats();
    console.log(
      `[code soak] ${RUNS} executions, ${CONCURRENCY} concurrent: before`,
      summary(before),
      'after',
      summary(after),
    );
    expect(failures).toEqual([]);
    expect(total(after, (s) => s.isolatesCreated) - total(before, (s) => s.isolatesCreated)).toBeLessThan(
      RUNS / 200,
    );
    expect(total(after, (s) => s.processRssBytes) - total(before, (s) => s.processRssBytes)).toBeLessThan(
      256 * MB,
    );
  }, 600_000);
});

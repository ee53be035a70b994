/**
 * Executions per second through the runner (engine + persistence), no HTTP.
 * Prints numbers, asserts nothing. Run:
 * `npx tsx packages/server/src/runner/runner.bench.ts [sqlite|postgres]`.
 *
 * Manual Trigger → Set (one expression), `concurrency` executions in flight,
 * with the save policies "all" (row, start state, one checkpoint per node,
 * outcome) and "errors" (nothing written for a success).
 */
import { createTestApp } from '../testing/test-app.ts';
import type { BackendKind } from '../testing/test-database.ts';
import type { SaveDataPolicy } from './types.ts';
import { manualSetWorkflow } from './test-workflows.ts';

const kind: BackendKind = process.argv[2] === 'postgres' ? 'postgres' : 'sqlite';
const total = 5000;

const t = await createTestApp(kind, { env: { GUIXU_MAX_CONCURRENCY: '64', GUIXU_MAX_PENDING: '10000' } });
const runner = t.ctx.services.get('executions');
const workflow = manualSetWorkflow();
const created = await t.app.inject({
  method: 'POST',
  url: '/api/v1/workflows',
  payload: { name: workflow.name, nodes: workflow.nodes, connections: workflow.connections },
});
const workflowId = String(JSON.parse(created.body).id);

async function measure(policy: SaveDataPolicy, concurrency: number): Promise<number> {
  let started = 0;
  const worker = async () => {
    while (started < total) {
      started++;
      const handle = await runner.start({
        workflow,
        workflowId,
        workflowVersion: 1,
        mode: 'webhook',
        saveDataPolicy: policy,
        triggerItems: [{ json: { name: 'x' } }],
      });
      await handle.finished;
    }
  };
  const begin = performance.now();
  await Promise.all(Array.from({ length: concurrency }, worker));
  await t.ctx.database.executions.flush();
  return (total / (performance.now() - begin)) * 1000;
}

await measure('all', 10); // warm-up
for (const policy of ['all', 'errors'] as const) {
  for (const concurrency of [1, 50]) {
    const rate = await measure(policy, concurrency);
    console.log(`${kind} policy=${policy} concurrency=${concurrency}: ${Math.round(rate)} executions/s`);
  }
}
await t.dispose();

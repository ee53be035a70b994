/**
 * What the server's AI services cost. Prints numbers, asserts nothing. Run:
 * `npx tsx packages/server/src/features/ai-usage/ai-usage.bench.ts [sqlite|postgres]`.
 *
 * 1. The main thread alone: one usage record, one budget check (the work behind
 *    each model call of a run).
 * 2. Whole runs through the worker pool: Manual Trigger → Basic LLM Chain against
 *    the local provider server, sequentially, with no budget and with a budget
 *    (one more check per call); the difference is the budget check as a run sees it.
 */
import { startProviderServer } from '../../../../nodes/src/ai/testing/provider-server.ts';
import { createProject } from '../../security/testing/identities.ts';
import { aiWorkflow, createWorkflowIn, MODEL_KEY, modelCredential } from '../../testing/ai-test-kit.ts';
import { createTestApp } from '../../testing/test-app.ts';
import type { BackendKind } from '../../testing/test-database.ts';

const kind: BackendKind = process.argv[2] === 'postgres' ? 'postgres' : 'sqlite';
const provider = await startProviderServer({ apiKey: MODEL_KEY });
const t = await createTestApp(kind);
const owner =
  t.owner ??
  (() => {
    throw new Error('owner');
  })();
const project = await createProject(t.app, owner, 'Bench');
const { usage, budgets } = t.ctx.services.get('aiUsage');
const run = { executionId: 'bench', projectId: project, workflowId: 'bench' };
const where = { node: 'Chain', executionId: 'bench', workflowId: 'bench' };
const call = { provider: 'openai', model: 'gpt-4o-mini', inputTokens: 120, outputTokens: 30, latencyMs: 400 };

async function perSecond(n: number, fn: () => Promise<unknown>): Promise<number> {
  const begin = performance.now();
  for (let i = 0; i < n; i++) await fn();
  return (n / (performance.now() - begin)) * 1000;
}

await perSecond(200, () => usage.record(run, call, where));
console.log(
  `${kind} usage.record: ${Math.round(await perSecond(2000, () => usage.record(run, call, where)))}/s`,
);
await budgets.set(project, 1_000_000, 'USD');
console.log(
  `${kind} budget check (2,200 rows this month): ${Math.round(await perSecond(2000, () => budgets.check(project, where)))}/s`,
);
await budgets.set(project, null, 'USD');

const credentialId = await modelCredential(t.app, owner, project, provider.baseUrl);
const workflowId = await createWorkflowIn(
  t.app,
  owner,
  project,
  aiWorkflow({ name: 'Chain', credentialId, root: 'guixu.chainLlm', rootParameters: { prompt: 'Hi' } }),
);
const runner = t.ctx.services.get('executions');
const loaded = await t.ctx.services.get('workflows').export(workflowId);
const workflow = { ...loaded, id: workflowId };
async function runs(n: number): Promise<number> {
  const begin = performance.now();
  for (let i = 0; i < n; i++) {
    provider.reply({ text: 'Hello', usage: { input: 10, output: 2 } });
    const handle = await runner.start({
      workflow,
      workflowId,
      projectId: project,
      mode: 'manual',
      saveDataPolicy: 'errors',
    });
    const state = await handle.finished;
    if (state.status !== 'success') throw new Error(`run failed: ${JSON.stringify(state.error)}`);
  }
  return (performance.now() - begin) / n;
}
await runs(30);
console.log(`${kind} chain run, no budget: ${(await runs(200)).toFixed(2)} ms/run`);
await budgets.set(project, 1_000_000, 'USD');
console.log(`${kind} chain run, with a budget: ${(await runs(200)).toFixed(2)} ms/run`);
await t.dispose();
await provider.close();

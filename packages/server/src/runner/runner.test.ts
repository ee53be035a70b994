import type { RunState } from '@guixu/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../testing/test-app.ts';
import { BACKENDS } from '../testing/test-database.ts';
import type { InProcessRunner } from './runner.ts';
import { failingWorkflow, manualSetWorkflow, waitWorkflow } from './test-workflows.ts';

describe.each(BACKENDS)('execution runner on %s', (kind) => {
  let t: TestApp;
  let runner: InProcessRunner;

  beforeAll(async () => {
    t = await createTestApp(kind);
    runner = t.ctx.services.get('executions');
  });
  afterAll(async () => t.dispose());

  const rowOf = (id: string) => runner.store.findRow(id);

  it('runs a workflow and saves the row, the checkpoints and the outcome', async () => {
    const handle = await runner.start({
      workflow: manualSetWorkflow(),
      mode: 'manual',
      triggerItems: [{ json: { name: 'Ada' } }],
      trigger: { kind: 'manual' },
    });
    const state = await handle.finished;
    expect(state.status).toBe('success');
    expect(state.runData.Set?.[0]?.data?.main[0]?.[0]?.json).toEqual({ name: 'Ada', greeting: 'Hello Ada' });
    const row = await rowOf(handle.executionId);
    expect(row).toMatchObject({ status: 'success', mode: 'manual', instance_id: null });
    expect(row?.finished_at).not.toBeNull();
    const rebuilt: RunState = await runner.store.loadState(handle.executionId);
    expect(rebuilt.status).toBe('success');
    expect(rebuilt.runData).toEqual(state.runData);
  });

  it('keeps nothing of a successful run with the policy "errors", but keeps its failure', async () => {
    const ok = await runner.start({
      workflow: manualSetWorkflow(),
      mode: 'manual',
      saveDataPolicy: 'errors',
    });
    expect((await ok.finished).status).toBe('success');
    expect(await rowOf(ok.executionId)).toBeUndefined();

    const failed = await runner.start({
      workflow: failingWorkflow(),
      mode: 'manual',
      saveDataPolicy: 'errors',
    });
    const state = await failed.finished;
    expect(state.status).toBe('error');
    const row = await rowOf(failed.executionId);
    expect(row?.status).toBe('error');
    expect(t.ctx.database.adapter.readJson(row?.error)).toMatchObject({ message: 'boom', node: 'Fail' });
    const rebuilt = await runner.store.loadState(failed.executionId);
    expect(rebuilt.runData.Fail?.[0]?.executionStatus).toBe('error');
    // Checkpoints kept back while it ran are all written when it fails: the rebuilt run is the run.
    expect(rebuilt.runData).toEqual(state.runData);
    expect(rebuilt.status).toBe('error');
  });

  it('keeps nothing with "none", even a failure, but always keeps a waiting run', async () => {
    const failed = await runner.start({
      workflow: failingWorkflow(),
      mode: 'manual',
      saveDataPolicy: 'none',
    });
    expect((await failed.finished).status).toBe('error');
    expect(await rowOf(failed.executionId)).toBeUndefined();

    const waiting = await runner.start({
      workflow: waitWorkflow({ seconds: 3600 }),
      mode: 'manual',
      saveDataPolicy: 'none',
    });
    const suspended = await waiting.finished;
    expect(suspended.status).toBe('waiting');
    const row = await rowOf(waiting.executionId);
    expect(row?.status).toBe('waiting');
    expect(row?.wait_till).not.toBeNull();
    expect((await runner.store.loadState(waiting.executionId)).runData).toEqual(suspended.runData);
  });

  it('resumes a waiting execution exactly once', async () => {
    const handle = await runner.start({ workflow: waitWorkflow({ webhook: true }), mode: 'manual' });
    expect((await handle.finished).status).toBe('waiting');
    const resumed = await runner.resume(handle.executionId, {
      reason: 'webhook',
      items: [{ json: { body: { ok: true } } }],
    });
    await expect(runner.resume(handle.executionId, { reason: 'webhook' })).rejects.toMatchObject({
      code: 'EXECUTION_NOT_WAITING',
    });
    const state = await resumed.finished;
    expect(state.status).toBe('success');
    expect(state.runData.After?.[0]?.data?.main[0]?.[0]?.json).toEqual({
      body: { ok: true },
      resumed: 'yes',
    });
    expect((await rowOf(handle.executionId))?.status).toBe('success');
    expect((await runner.store.loadState(handle.executionId)).runData).toEqual(state.runData);
  });

  it('refuses to resume an unknown execution and a time wait by webhook', async () => {
    await expect(runner.resume('nope', { reason: 'webhook' })).rejects.toMatchObject({
      code: 'EXECUTION_NOT_FOUND',
    });
    const handle = await runner.start({ workflow: waitWorkflow({ seconds: 3600 }), mode: 'manual' });
    await handle.finished;
    await expect(runner.resume(handle.executionId, { reason: 'webhook' })).rejects.toMatchObject({
      code: 'EXECUTION_NOT_WAITING',
    });
  });
});

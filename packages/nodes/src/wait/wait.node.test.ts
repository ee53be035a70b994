import { type Clock, createEngine, testNode, testNodeError } from '@guixu/core';
import { buildWorkflow, FakeClock, outputsByNode, testRegistry, testServices } from '@guixu/core/test-kit';
import { describe, expect, it } from 'vitest';
import wait from './wait.node.ts';

const NOW = Date.parse('2026-01-01T10:00:00Z');
const clock: Clock = { now: () => NOW, sleep: async () => {} };

describe('Wait (node)', () => {
  it('suspends until now + the interval, never sleeping', async () => {
    const result = await testNode(wait, { parameters: { amount: 2, unit: 'minutes' }, clock });
    expect(result.suspend).toEqual({
      until: '2026-01-01T10:02:00.000Z',
      resumeOn: ['time'],
      data: { resume: 'timeInterval' },
    });
    const defaults = await testNode(wait, { parameters: {}, clock });
    expect(defaults.suspend?.until).toBe('2026-01-01T10:00:05.000Z');
  });

  it('suspends until a specific time in the workflow timezone; a past time resumes at once', async () => {
    const result = await testNode(wait, {
      parameters: { resume: 'specificTime', dateTime: '2026-01-02T09:00:00' },
      clock,
      workflow: { settings: { timezone: 'Europe/Berlin' } },
    });
    expect(result.suspend?.until).toBe('2026-01-02T08:00:00.000Z');
    const past = await testNode(wait, {
      parameters: { resume: 'specificTime', dateTime: '2020-01-01' },
      clock,
    });
    expect(past.suspend?.until).toBe('2026-01-01T10:00:00.000Z');
  });

  it('rejects a date that cannot be read', async () => {
    const error = await testNodeError(wait, {
      parameters: { resume: 'specificTime', dateTime: 'next tuesday' },
    });
    expect(error).toMatchObject({ code: 'PARAMETER_INVALID', parameter: 'dateTime' });
    expect(error.message).toBe('"next tuesday" is not a valid date and time');
  });

  it('rejects a wait that ends after the last representable date', async () => {
    const error = await testNodeError(wait, {
      parameters: { resume: 'timeInterval', amount: 1e12, unit: 'days' },
    });
    expect(error).toMatchObject({ code: 'PARAMETER_INVALID', parameter: 'amount' });
    expect(error.message).toBe('Waiting 1000000000000 days ends after the last representable date');
    const limit = await testNodeError(wait, {
      parameters: { resume: 'webhook', limitWaitTime: true, resumeAmount: 1e12, resumeUnit: 'days' },
    });
    expect(limit).toMatchObject({ code: 'PARAMETER_INVALID', parameter: 'resumeAmount' });
  });

  it('waits for a webhook call, optionally with a time limit', async () => {
    const open = await testNode(wait, { parameters: { resume: 'webhook' }, clock });
    expect(open.suspend).toEqual({ resumeOn: ['webhook'], data: { resume: 'webhook' } });
    const limited = await testNode(wait, {
      parameters: { resume: 'webhook', limitWaitTime: true, resumeAmount: 3, resumeUnit: 'days' },
      clock,
    });
    expect(limited.suspend).toMatchObject({
      until: '2026-01-04T10:00:00.000Z',
      resumeOn: ['webhook', 'time'],
    });
    const form = await testNode(wait, {
      parameters: {
        resume: 'form',
        limitWaitTime: true,
        limitType: 'atSpecifiedTime',
        maxDateAndTime: '2026-02-01T00:00:00Z',
      },
      clock,
    });
    expect(form.suspend).toMatchObject({ until: '2026-02-01T00:00:00.000Z', resumeOn: ['form', 'time'] });
  });

  it('on resume passes input through on time, or outputs the webhook call items', async () => {
    const onTime = await testNode(wait, { items: [{ a: 1 }], resume: { reason: 'time' } });
    expect(onTime.json).toEqual([[{ a: 1 }]]);
    const call = { headers: {}, params: {}, query: { ok: '1' }, body: {} };
    const onCall = await testNode(wait, {
      parameters: { resume: 'webhook' },
      items: [{ a: 1 }],
      resume: { reason: 'webhook', items: [{ json: call }] },
    });
    expect(onCall.json).toEqual([[call]]);
  });
});

describe('Wait (engine)', () => {
  it('suspends the execution and continues after resume with the webhook items', async () => {
    const registry = testRegistry().register(wait);
    const engine = createEngine({ registry, services: testServices(new FakeClock()) });
    const workflow = buildWorkflow(
      [
        { name: 'Trigger', type: 'test.trigger' },
        { name: 'Wait', type: 'guixu.wait', parameters: { resume: 'webhook' } },
        { name: 'After', type: 'test.set', parameters: { field: 'after', value: 'true' } },
      ],
      ['Trigger -> Wait', 'Wait -> After'],
    );
    const state = engine.start(workflow, {
      executionId: 'w1',
      mode: 'manual',
      triggerItems: [{ json: { a: 1 } }],
    });
    await engine.run(workflow, state);
    expect(state.status).toBe('waiting');
    expect(state.suspended).toMatchObject({ node: 'Wait', waitTill: null, resumeOn: ['webhook'] });
    const restored = JSON.parse(JSON.stringify(state));
    await engine.resume(workflow, restored, {
      reason: 'webhook',
      items: [{ json: { body: { answer: 'yes' } } }],
    });
    expect(restored.status).toBe('success');
    expect(outputsByNode(restored.runData).After).toEqual([[{ body: { answer: 'yes' }, after: true }]]);
  });

  it('continues with the original items when resumed by time', async () => {
    const registry = testRegistry().register(wait);
    const engine = createEngine({ registry, services: testServices(new FakeClock()) });
    const workflow = buildWorkflow(
      [
        { name: 'Trigger', type: 'test.trigger' },
        { name: 'Wait', type: 'guixu.wait', parameters: { amount: 1, unit: 'hours' } },
      ],
      ['Trigger -> Wait'],
    );
    const state = engine.start(workflow, {
      executionId: 'w2',
      mode: 'manual',
      triggerItems: [{ json: { a: 1 } }],
    });
    await engine.run(workflow, state);
    expect(state.waitTill).toBe('2026-01-01T01:00:00.000Z');
    await engine.resume(workflow, state, { reason: 'time' });
    expect(outputsByNode(state.runData).Wait).toEqual([[{ a: 1 }]]);
  });
});

import {
  defineNode,
  type EmitOutcome,
  type EventTriggerContext,
  type EventItem,
  GuixuError,
  NodeOperationError,
  NodeRegistry,
  p,
} from '@guixu/core';
import { builtinNodes } from '@guixu/nodes';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../testing/test-app.ts';
import { eventually } from '../schedules/schedule-test-kit.ts';
import { activeWorkflow, api, chain, createWorkflow, node, setNode } from '../webhooks/webhook-test-kit.ts';

/**
 * The event-trigger seam through the server, with an in-memory "broker": each
 * listener registers under its channel, the test emits through it and drops
 * its connection. The real brokers are tested with their nodes.
 */
interface Open {
  ctx: EventTriggerContext<{ channel: string; refuse: string }>;
  closed: boolean;
}
const open = new Map<string, Open[]>();
const listening = (channel: string) => (open.get(channel) ?? []).filter((o) => !o.closed);
let attempts = 0;

const fakeTrigger = defineNode({
  type: 'test.eventTrigger',
  version: 1,
  displayName: 'Fake Event Trigger',
  description: 'Test only',
  group: 'trigger',
  inputs: [],
  outputs: ['main'],
  trigger: { kind: 'event' },
  params: {
    channel: p.string({ label: 'Channel', required: true }),
    refuse: p.options({
      label: 'Refuse',
      options: [
        { value: 'no', label: 'No' },
        { value: 'auth', label: 'Auth' },
        { value: 'network', label: 'Network' },
      ],
      default: 'no',
    }),
  },
  run: (ctx) => [ctx.items],
  async listen(ctx) {
    attempts++;
    if (ctx.params.refuse === 'auth')
      throw new NodeOperationError(ctx.node.name, 'wrong password', {
        details: { code: 'FAKE_AUTH_FAILED' },
      });
    if (ctx.params.refuse === 'network')
      throw new GuixuError('FAKE_CONNECTION_FAILED', 'refused', { retryable: true });
    const entry: Open = { ctx, closed: false };
    open.set(ctx.params.channel, [...(open.get(ctx.params.channel) ?? []), entry]);
    return {
      close() {
        entry.closed = true;
      },
    };
  },
});

function emit(channel: string, items: EventItem[]): Promise<EmitOutcome> {
  const [current] = listening(channel);
  if (!current) throw new Error(`nobody listens on ${channel}`);
  return new Promise((resolve) => {
    void current.ctx.emit(items, { onDone: resolve });
  });
}

const channel = () => `ch-${Math.random().toString(36).slice(2)}`;
const trigger = (name: string, parameters: Record<string, unknown>) =>
  node(name, 'test.eventTrigger', parameters);

describe('event triggers through the server', () => {
  let t: TestApp;
  beforeAll(async () => {
    const registry = new NodeRegistry();
    for (const definition of (await builtinNodes()).list()) registry.register(definition);
    registry.register(fakeTrigger);
    t = await createTestApp('sqlite', { registry });
    const events = t.ctx.services.get('triggers').events;
    events.backoff = { baseMs: 10, maxMs: 50 };
    await events.start();
  });
  afterAll(async () => {
    await t.ctx.services.get('triggers').events.stop();
    await t.dispose();
  });

  it('opens a listener on activation, runs an execution per emit, closes it on deactivation', async () => {
    const name = channel();
    const id = await activeWorkflow(
      t,
      [trigger('Events', { channel: name }), setNode('Set', 'seen', '={{ $json.body }}')],
      chain(['Events', 'Set']),
    );
    expect(listening(name)).toHaveLength(1);
    const outcome = await emit(name, [{ json: { body: 'hello' } }]);
    expect(outcome).toMatchObject({ ok: true, status: 'success' });
    const detail = await api(t, 'GET', `/api/v1/executions/${outcome.executionId}`);
    expect(JSON.stringify(detail.body)).toContain('"seen":"hello"');
    expect(t.ctx.services.get('triggers').events.status(id)).toMatchObject([
      { node: 'Events', state: 'listening', failures: 0, emitted: 1 },
    ]);

    await api(t, 'POST', `/api/v1/workflows/${id}/deactivate`);
    expect(listening(name)).toHaveLength(0);
    expect(t.ctx.services.get('triggers').events.status(id)).toEqual([]);
  });

  it('stores emitted bytes as binary data of the execution', async () => {
    const name = channel();
    const id = await activeWorkflow(t, [trigger('Events', { channel: name })], {});
    const outcome = await emit(name, [
      {
        json: { n: 1 },
        binary: { data: { data: Buffer.from('hello bytes'), mimeType: 'text/plain', fileName: 'a.txt' } },
      },
    ]);
    expect(outcome).toMatchObject({ ok: true, status: 'success' });
    const detail = JSON.stringify((await api(t, 'GET', `/api/v1/executions/${outcome.executionId}`)).body);
    expect(detail).toContain('"fileName":"a.txt"');
    expect(detail).toContain('"fileSize":11');
    await api(t, 'POST', `/api/v1/workflows/${id}/deactivate`);
  });

  it('reports a failed execution to onDone, so the message is not acknowledged', async () => {
    const name = channel();
    await activeWorkflow(
      t,
      [trigger('Events', { channel: name }), node('Fail', 'guixu.stopAndError', { errorMessage: 'nope' })],
      chain(['Events', 'Fail']),
    );
    const outcome = await emit(name, [{ json: {} }]);
    expect(outcome).toMatchObject({ ok: false, status: 'error' });
    expect(outcome.executionId).toBeTypeOf('string');
  });

  it('keeps the listener when a save leaves the trigger unchanged; a changed trigger gets a new one', async () => {
    const name = channel();
    const nodes = [trigger('Events', { channel: name }), setNode('Set', 'v', '=one')];
    const id = await activeWorkflow(t, nodes, chain(['Events', 'Set']));
    const first = listening(name)[0];
    const save = async (n: typeof nodes) => {
      const saved = await t.app.inject({
        method: 'PATCH',
        url: `/api/v1/workflows/${id}`,
        payload: { nodes: n, connections: chain(['Events', 'Set']) },
      });
      expect(saved.statusCode).toBe(200);
    };
    await save([nodes[0], setNode('Set', 'v', '=two')]);
    expect(listening(name)).toEqual([first]);
    const outcome = await emit(name, [{ json: {} }]);
    const detail = await api(t, 'GET', `/api/v1/executions/${outcome.executionId}`);
    expect(JSON.stringify(detail.body)).toContain('"v":"two"');

    const other = channel();
    await save([trigger('Events', { channel: other }), setNode('Set', 'v', '=two')]);
    expect(first.closed).toBe(true);
    expect(listening(other)).toHaveLength(1);
    await api(t, 'POST', `/api/v1/workflows/${id}/deactivate`);
    expect(listening(other)).toHaveLength(0);
  });

  it('opens the listener again after its connection drops', async () => {
    const name = channel();
    const id = await activeWorkflow(t, [trigger('Events', { channel: name })], {});
    const [first] = listening(name);
    first.ctx.fail(new Error('socket closed'));
    first.ctx.fail(new Error('socket closed twice'));
    expect(first.closed).toBe(true);
    const events = t.ctx.services.get('triggers').events;
    expect(events.status(id)[0]).toMatchObject({
      state: 'retrying',
      failures: 1,
      lastError: { code: 'TRIGGER_CONNECTION_LOST', node: 'Events' },
    });
    const second = await eventually(async () => listening(name)[0], 10_000, 'the listener to reopen');
    expect(second).not.toBe(first);
    expect(events.status(id)[0]).toMatchObject({ state: 'listening', failures: 0 });
    // The old listener's emit no longer starts anything.
    let late: EmitOutcome | undefined;
    await first.ctx.emit([{ json: {} }], {
      onDone: (o) => {
        late = o;
      },
    });
    expect(late).toEqual({ status: 'notStarted', ok: false });
    await api(t, 'POST', `/api/v1/workflows/${id}/deactivate`);
    expect(listening(name)).toHaveLength(0);
  });

  it('refuses activation when the listener cannot sign in; retries in the background when the broker is down', async () => {
    const refused = await createWorkflow(t, [trigger('Events', { channel: channel(), refuse: 'auth' })], {});
    const answer = await api(t, 'POST', `/api/v1/workflows/${refused}/activate`);
    expect(answer.status).toBe(400);
    expect(answer.body).toMatchObject({ code: 'FAKE_AUTH_FAILED', message: 'wrong password' });
    expect(t.ctx.services.get('triggers').events.status(refused)).toEqual([]);

    const down = await createWorkflow(t, [trigger('Events', { channel: channel(), refuse: 'network' })], {});
    const before = attempts;
    expect((await api(t, 'POST', `/api/v1/workflows/${down}/activate`)).status).toBe(200);
    await eventually(async () => (attempts >= before + 3 ? true : undefined), 10_000, 'retries');
    const [status] = t.ctx.services.get('triggers').events.status(down);
    expect(status.state).toBe('retrying');
    expect(status.lastError).toMatchObject({ code: 'FAKE_CONNECTION_FAILED', node: 'Events' });
    await api(t, 'POST', `/api/v1/workflows/${down}/deactivate`);
    const stopped = attempts;
    expect(t.ctx.services.get('triggers').events.status(down)).toEqual([]);
    // No retry is left armed: a later look sees the same count (no timing involved: timers were cleared).
    expect(attempts).toBe(stopped);
  });

  it('closes the new listener when another trigger of the workflow refuses the activation', async () => {
    const path = `taken-${channel()}`;
    const hook = node('Hook', 'guixu.webhook', {
      httpMethod: 'POST',
      path,
      responseMode: 'onReceived',
      options: {},
    });
    await activeWorkflow(t, [hook], {});
    const name = channel();
    const id = await createWorkflow(
      t,
      [trigger('Events', { channel: name }), { ...hook, id: 'n-hook-2' }],
      {},
    );
    const answer = await api(t, 'POST', `/api/v1/workflows/${id}/activate`);
    expect(answer.status).toBe(409);
    expect(answer.body).toMatchObject({ code: 'WEBHOOK_PATH_TAKEN' });
    expect(listening(name)).toHaveLength(0);
    expect(t.ctx.services.get('triggers').events.status(id)).toEqual([]);
  });

  it('refuses an expression in a trigger parameter, naming node and parameter', async () => {
    const id = await createWorkflow(t, [trigger('Events', { channel: '={{ "x" }}' })], {});
    const answer = await api(t, 'POST', `/api/v1/workflows/${id}/activate`);
    expect(answer.status).toBe(400);
    expect(answer.body).toMatchObject({ code: 'TRIGGER_INVALID' });
    expect(JSON.stringify(answer.body)).toContain('channel');
  });
});

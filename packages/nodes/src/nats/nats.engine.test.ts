import { randomBytes } from 'node:crypto';
import { jetstreamManager } from '@nats-io/jetstream';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runNodeWorkflow } from '../shared/testing/run-node-workflow.ts';
import natsCredential from './nats.credentials.ts';
import nats from './nats.node.ts';

/** Against the NATS server on this machine (127.0.0.1:4222, JetStream on, no auth); subjects and stream named per run. */
const id = randomBytes(4).toString('hex');
const base = `gx.${id}`;
const stream = `GX_${id}`;
const credential = { servers: 'nats://127.0.0.1:4222' };
let nc: NatsConnection;

function run(
  parameters: Record<string, unknown>,
  items?: Record<string, unknown>[],
  data: Record<string, unknown> = credential,
) {
  return runNodeWorkflow({
    definition: nats,
    parameters,
    credential: { slot: 'nats', data },
    items: items as never,
  });
}

beforeAll(async () => {
  nc = await connect({ servers: '127.0.0.1:4222' });
  nc.subscribe(`${base}.echo`, {
    callback: (_error, message) => {
      message.respond(JSON.stringify({ echo: message.json(), h: message.headers?.get('x-id') }));
    },
  });
  await (await jetstreamManager(nc)).streams.add({ name: stream, subjects: [`${base}.stored.>`] });
});

afterAll(async () => {
  await (await jetstreamManager(nc)).streams.delete(stream);
  await nc.close();
});

describe('NATS node against the real server', () => {
  it('publishes each item as JSON with headers', async () => {
    const got: { data: string; header: string | undefined }[] = [];
    const sub = nc.subscribe(`${base}.out`, { max: 2 });
    const done = (async () => {
      for await (const m of sub) got.push({ data: m.string(), header: m.headers?.get('x-id') });
    })();
    await nc.flush();
    const result = await run(
      {
        subject: `${base}.out`,
        options: { headers: { header: [{ key: 'x-id', value: '={{ $json.n }}' }] } },
      },
      [{ n: 1 }, { n: 2 }],
    );
    expect(result.status).toBe('success');
    await done;
    expect(got).toEqual([
      { data: '{"n":1}', header: '1' },
      { data: '{"n":2}', header: '2' },
    ]);
  });

  it('sends a request and returns the parsed reply; no responder is a node error', async () => {
    const reply = await run(
      {
        operation: 'request',
        subject: `${base}.echo`,
        options: { headers: { header: [{ key: 'x-id', value: '7' }] } },
      },
      [{ q: 'hi' }],
    );
    expect(reply.status).toBe('success');
    expect(reply.output).toEqual([
      { subject: expect.any(String), data: { echo: { q: 'hi' }, h: '7' }, headers: {} },
    ]);
    const nobody = await run({ operation: 'request', subject: `${base}.nobody`, options: { timeout: 2000 } });
    expect(nobody.status).toBe('error');
    expect(nobody.error?.details).toMatchObject({ code: 'NATS_COMMAND_FAILED' });
    expect(nobody.error?.message).toMatch(/NATS rejected the command of node "DB"/);
  });

  it('publishes through JetStream and reports the stored sequence', async () => {
    const result = await run({ subject: `${base}.stored.a`, options: { jetStream: true } }, [
      { n: 1 },
      { n: 2 },
    ]);
    expect(result.status).toBe('success');
    expect(result.output).toEqual([
      { n: 1, jetStream: { stream, seq: 1, duplicate: false } },
      { n: 2, jetStream: { stream, seq: 2, duplicate: false } },
    ]);
  });

  it('reports an unreachable server; tests a credential', async () => {
    const down = await run({ subject: `${base}.x` }, [{}], { servers: 'nats://127.0.0.1:1' });
    expect(down.status).toBe('error');
    expect(down.error?.details).toMatchObject({ code: 'NATS_CONNECTION_FAILED' });
    const test = natsCredential.test;
    if (!test) throw new Error('no test');
    expect(await test(credential as never, new AbortController().signal)).toEqual({
      ok: true,
      message: 'Connected to NATS at nats://127.0.0.1:4222',
    });
  });
});

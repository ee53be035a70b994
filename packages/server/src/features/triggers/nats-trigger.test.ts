import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { jetstreamManager } from '@nats-io/jetstream';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestApp } from '../../testing/test-app.ts';
import { eventually } from '../schedules/schedule-test-kit.ts';
import { activeWorkflow, api, chain, createWorkflow, node } from '../webhooks/webhook-test-kit.ts';
import {
  type PrivateNats,
  settlesAt,
  startNats,
  type TriggeredRun,
  tcpConnections,
  triggeredRuns,
  unique,
  triggerTestApp,
} from './broker-test-kit.ts';

/**
 * The NATS Trigger through the server, against a nats-server of this test's
 * own (JetStream, a password; the shared one has no auth): its connections are
 * counted by the kernel, and it is really restarted (same port and store).
 */
let t: TestApp;
let server: PrivateNats;
let client: NatsConnection;
let credentialId: string;
let http: Server;
let httpUrl: string;
/** The test's own connection. */
const OWN = 1;

async function connectClient(): Promise<void> {
  client = await connect({ servers: server.url, user: server.user, pass: server.password, reconnect: false });
}

const credentials = () => ({ nats: { id: credentialId, name: 'Private NATS' } });
const success = (runs: TriggeredRun[]) => runs.filter((r) => r.status === 'success');
const field = (run: TriggeredRun, name: string) => Reflect.get(Object(run.json), name);
const dataN = (run: TriggeredRun) => Reflect.get(Object(field(run, 'data')), 'n');

beforeAll(async () => {
  server = await startNats();
  http = createServer((request, response) => {
    response.statusCode = request.url?.includes('fail=true') ? 500 : 200;
    response.setHeader('content-type', 'application/json');
    response.end('{}');
  });
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  httpUrl = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
  await connectClient();
  t = await triggerTestApp();
  const events = t.ctx.services.get('triggers').events;
  events.backoff = { baseMs: 100, maxMs: 1000 };
  await events.start();
  const created = await api(t, 'POST', '/api/v1/credentials', {
    name: 'Private NATS',
    type: 'nats',
    data: {
      servers: server.url,
      authentication: 'userPassword',
      user: server.user,
      password: server.password,
    },
  });
  credentialId = String(Reflect.get(Object(created.body), 'id'));
}, 60_000);

afterAll(async () => {
  await t.ctx.services.get('triggers').events.stop();
  await t.dispose();
  await client.close().catch(() => undefined);
  await server.stop();
  await new Promise((resolve) => http.close(resolve));
});

describe('NATS Trigger through the server', () => {
  it('runs per message on a subject pattern and closes its connection on deactivation', async () => {
    const base = unique('gx');
    const id = await activeWorkflow(
      t,
      [
        node(
          'NATS',
          'guixu.natsTrigger',
          { subject: `${base}.>`, options: { jsonParseBody: true } },
          { credentials: credentials() },
        ),
      ],
      {},
    );
    expect(await settlesAt(() => tcpConnections(server.port), OWN + 1, 'the trigger connection')).toBe(
      OWN + 1,
    );
    client.publish(`${base}.orders.new`, '{"n":1}');
    client.publish(`other.${base}`, 'not for us');
    await client.flush();
    const runs = await eventually(
      async () => {
        const found = await triggeredRuns(t, id, 'NATS');
        return success(found).length >= 1 ? found : undefined;
      },
      30_000,
      'one run',
    );
    expect(runs.map((r) => r.json)).toEqual([{ subject: `${base}.orders.new`, data: { n: 1 }, headers: {} }]);
    await api(t, 'POST', `/api/v1/workflows/${id}/deactivate`);
    expect(await settlesAt(() => tcpConnections(server.port), OWN, 'the trigger to disconnect')).toBe(OWN);
  }, 60_000);

  it('acknowledges JetStream messages after success, redelivers a failed one, and resumes after a server restart', async () => {
    const stream = unique('GX').replace(/-/g, '_');
    const subject = `${stream}.events`;
    const jsm = await jetstreamManager(client);
    await jsm.streams.add({ name: stream, subjects: [`${stream}.>`] });
    const id = await activeWorkflow(
      t,
      [
        node(
          'NATS',
          'guixu.natsTrigger',
          { mode: 'jetStream', stream, consumer: 'workers', subject, options: { jsonParseBody: true } },
          { credentials: credentials() },
        ),
        // Answers 500 (the execution fails) for a failFirst message's first delivery.
        node('Check', 'guixu.httpRequest', {
          method: 'GET',
          url: `=${httpUrl}/check?fail={{ $json.data.failFirst === true && !$json.redelivered }}`,
        }),
      ],
      chain(['NATS', 'Check']),
    );
    const js = (await import('@nats-io/jetstream')).jetstream(client);
    await js.publish(subject, '{"n":1}');
    await js.publish(subject, '{"n":2,"failFirst":true}');
    const first = await eventually(
      async () => {
        const found = await triggeredRuns(t, id, 'NATS');
        return success(found).length >= 2 ? found : undefined;
      },
      30_000,
      'both messages handled',
    );
    expect(success(first).map(dataN).sort()).toEqual([1, 2]);
    expect(first.filter((r) => r.status === 'error').map(dataN)).toEqual([2]);
    expect(success(first).find((r) => dataN(r) === 2)?.json).toMatchObject({ redelivered: true });

    // A real restart of the server (same port and store): the trigger reconnects by itself.
    await client.close();
    await server.restart();
    await connectClient();
    const events = t.ctx.services.get('triggers').events;
    await eventually(
      async () =>
        events.status(id)[0]?.state === 'listening' && (await tcpConnections(server.port)) === OWN + 1
          ? true
          : undefined,
      30_000,
      'the trigger to reconnect',
    );
    const js2 = (await import('@nats-io/jetstream')).jetstream(client);
    await js2.publish(subject, '{"n":3}');
    await eventually(
      async () =>
        success(await triggeredRuns(t, id, 'NATS')).some((r) => dataN(r) === 3) ? true : undefined,
      30_000,
      'the message published after the restart',
    );
    const info = await (await jetstreamManager(client)).consumers.info(stream, 'workers');
    await eventually(
      async () => {
        const now = await (await jetstreamManager(client)).consumers.info(stream, 'workers');
        return now.num_ack_pending === 0 && now.num_pending === 0 ? true : undefined;
      },
      30_000,
      'every message acknowledged',
    );
    expect(info.config.durable_name).toBe('workers');
    await api(t, 'POST', `/api/v1/workflows/${id}/deactivate`);
    expect(await settlesAt(() => tcpConnections(server.port), OWN, 'the trigger to disconnect')).toBe(OWN);
  }, 120_000);

  it('refuses activation with a wrong password', async () => {
    const wrong = await api(t, 'POST', '/api/v1/credentials', {
      name: 'Wrong NATS',
      type: 'nats',
      data: { servers: server.url, authentication: 'userPassword', user: server.user, password: 'wrong' },
    });
    const id = await createWorkflow(
      t,
      [
        node(
          'NATS',
          'guixu.natsTrigger',
          { subject: 'a.b' },
          {
            credentials: { nats: { id: String(Reflect.get(Object(wrong.body), 'id')), name: 'Wrong NATS' } },
          },
        ),
      ],
      {},
    );
    const answer = await api(t, 'POST', `/api/v1/workflows/${id}/activate`);
    expect(answer.status).toBe(400);
    expect(answer.body).toMatchObject({ code: 'NATS_AUTH_FAILED' });
    expect(await tcpConnections(server.port)).toBe(OWN);
  }, 60_000);
});

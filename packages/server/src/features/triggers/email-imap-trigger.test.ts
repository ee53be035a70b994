import { randomBytes } from 'node:crypto';
import { ImapFlow } from 'imapflow';
import { createTransport } from 'nodemailer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ensureDovecot,
  startDovecot,
  type TestDovecot,
} from '../../../../../scripts/test-servers/dovecot.ts';
import { createTestApp, type TestApp } from '../../testing/test-app.ts';
import { eventually } from '../schedules/schedule-test-kit.ts';
import { activeWorkflow, api, chain, createWorkflow, node, setNode } from '../webhooks/webhook-test-kit.ts';

/**
 * The Email Trigger (IMAP) through the server against Debian's Dovecot
 * (scripts/test-servers/dovecot.ts): activation opens one IMAP connection
 * (counted by Dovecot), new mail starts an execution with its attachment
 * stored as binary data, the mail is marked read after that execution
 * succeeded, deactivation closes the connection, a wrong password refuses
 * the activation.
 */
const installed = await ensureDovecot();
if ('skipped' in installed) console.warn(installed.skipped);

const password = `pw-${randomBytes(4).toString('hex')}`;
let server: TestDovecot;
let t: TestApp;

async function credentialFor(user: string, secret = password): Promise<string> {
  const created = await api(t, 'POST', '/api/v1/credentials', {
    name: `IMAP ${user} ${randomBytes(2).toString('hex')}`,
    type: 'imap',
    data: {
      user,
      password: secret,
      host: '127.0.0.1',
      port: server.tlsPort,
      secure: true,
      allowUnauthorizedCerts: true,
    },
  });
  return String(Reflect.get(Object(created.body), 'id'));
}

async function mailbox<T>(user: string, work: (client: ImapFlow) => Promise<T>): Promise<T> {
  const client = new ImapFlow({
    host: '127.0.0.1',
    port: server.tlsPort,
    secure: true,
    auth: { user, pass: password },
    tls: { rejectUnauthorized: false },
    logger: false,
  });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.logout();
  }
}

const trigger = (credentialId: string) =>
  node(
    'Mail',
    'guixu.emailReadImap',
    { postProcessAction: 'read', format: 'simple', downloadAttachments: true },
    { credentials: { imap: { id: credentialId, name: 'IMAP' } } },
  );

async function runsOf(workflowId: string): Promise<{ status: unknown; output: unknown }[]> {
  const rows = await t.ctx.database.db
    .selectFrom('executions')
    .select(['id'])
    .where('workflow_id', '=', workflowId)
    .where('mode', '=', 'trigger')
    .orderBy('created_at')
    .execute();
  const runs = [];
  for (const row of rows) {
    const { body } = await api(t, 'GET', `/api/v1/executions/${row.id}`);
    const runData = Object(Reflect.get(Object(body), 'runData'));
    runs.push({ status: Reflect.get(Object(body), 'status'), output: runData.Mail?.[0]?.output?.[0] });
  }
  return runs;
}

describe.skipIf('skipped' in installed)('Email Trigger (IMAP) through the server', () => {
  beforeAll(async () => {
    server = await startDovecot([
      { user: 'reader', password },
      { user: 'other', password },
    ]);
    t = await createTestApp('sqlite');
    const events = t.ctx.services.get('triggers').events;
    events.backoff = { baseMs: 100, maxMs: 1000 };
    await events.start();
  }, 120_000);

  afterAll(async () => {
    await t?.ctx.services.get('triggers').events.stop();
    await t?.dispose();
    await server?.close();
  }, 120_000);

  it('runs an execution for new mail with its attachment, marks it read, and closes its connection', async () => {
    const id = await activeWorkflow(
      t,
      [trigger(await credentialFor('reader')), setNode('Set', 'seen', '={{ $json.subject }}')],
      chain(['Mail', 'Set']),
    );
    await eventually(
      async () => ((await server.connections()) === 1 ? true : undefined),
      30_000,
      'the IMAP connection',
    );

    const transport = createTransport({ streamTransport: true, buffer: true, newline: 'crlf' });
    const { message } = await transport.sendMail({
      from: 'ann@example.com',
      to: 'reader@example.com',
      subject: 'Order 42',
      text: 'see attached',
      attachments: [{ filename: 'order.csv', content: 'id,qty\n42,1\n', contentType: 'text/csv' }],
    });
    await mailbox('reader', (client) => client.append('INBOX', message as Buffer));

    const [run] = await eventually(
      async () => {
        const runs = await runsOf(id);
        return runs.length > 0 && runs.every((r) => r.status !== 'running') ? runs : undefined;
      },
      60_000,
      'the execution for the new mail',
    );
    expect(run?.status).toBe('success');
    expect(run?.output).toMatchObject([
      {
        json: { subject: 'Order 42', from: 'ann@example.com', textPlain: 'see attached' },
        binary: { attachment_0: { fileName: 'order.csv', mimeType: 'text/csv', fileSize: 12 } },
      },
    ]);
    const unread = async () =>
      mailbox('reader', async (client) => {
        await client.mailboxOpen('INBOX', { readOnly: true });
        return ((await client.search({ seen: false }, { uid: true })) || []).length;
      });
    await eventually(
      async () => ((await unread()) === 0 ? true : undefined),
      30_000,
      'the mail to be marked read',
    );

    await api(t, 'POST', `/api/v1/workflows/${id}/deactivate`);
    await eventually(
      async () => ((await server.connections()) === 0 ? true : undefined),
      30_000,
      'the connection to close',
    );
  }, 180_000);

  it('refuses activation with a wrong password, naming the server', async () => {
    const id = await createWorkflow(t, [trigger(await credentialFor('other', 'wrong-secret-pw'))], {});
    const answer = await api(t, 'POST', `/api/v1/workflows/${id}/activate`);
    expect(answer.status).toBe(400);
    expect(answer.body).toMatchObject({ code: 'IMAP_AUTH_FAILED' });
    expect(JSON.stringify(answer.body)).toContain(`127.0.0.1:${server.tlsPort}`);
    expect(JSON.stringify(answer.body)).not.toContain('wrong-secret-pw');
  }, 60_000);
});

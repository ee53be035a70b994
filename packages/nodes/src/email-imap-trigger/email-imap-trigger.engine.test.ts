import { randomBytes } from 'node:crypto';
import { ImapFlow } from 'imapflow';
import { createTransport } from 'nodemailer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureDovecot, startDovecot, type TestDovecot } from '../../../../scripts/test-servers/dovecot.ts';
import { listenTrigger } from '../shared/testing/listen-trigger.ts';
import { settledCount } from '../shared/testing/settled.ts';
import emailImapTrigger from './email-imap-trigger.node.ts';
import imapCredential from './imap.credentials.ts';

/**
 * Against Debian's Dovecot, started by this file on free ports with its own
 * users (scripts/test-servers/dovecot.ts). Mail is put in the mailbox with
 * IMAP APPEND (messages built by nodemailer); every emit runs through the
 * engine.
 */
const installed = await ensureDovecot();
if ('skipped' in installed) console.warn(installed.skipped);

let server: TestDovecot;
const password = `pw-${randomBytes(4).toString('hex')}`;
const USERS = 6;
let userCount = 0;

/** A user with an empty mailbox (Dovecot reads its users file once: all are made at start). */
async function newUser(): Promise<string> {
  if (userCount >= USERS) throw new Error('raise USERS');
  return `user${++userCount}`;
}

const credential = (user: string, overrides: Record<string, unknown> = {}) => ({
  user,
  password,
  host: server.host,
  port: server.tlsPort,
  secure: true,
  allowUnauthorizedCerts: true,
  ...overrides,
});

async function message(fields: {
  subject: string;
  text: string;
  html?: string;
  attachments?: { filename: string; content: Buffer; contentType: string }[];
}): Promise<Buffer> {
  const transport = createTransport({ streamTransport: true, buffer: true, newline: 'crlf' });
  const info = await transport.sendMail({ from: 'Ann <ann@example.com>', to: 'bob@example.com', ...fields });
  return info.message as Buffer;
}

async function withMailbox<T>(user: string, work: (client: ImapFlow) => Promise<T>): Promise<T> {
  const client = new ImapFlow({
    host: server.host,
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

const deliver = (user: string, raw: Buffer, flags: string[] = []) =>
  withMailbox(user, (client) => client.append('INBOX', raw, flags));

async function unseen(user: string): Promise<number[]> {
  return withMailbox(user, async (client) => {
    await client.mailboxOpen('INBOX', { readOnly: true });
    return (await client.search({ seen: false }, { uid: true })) || [];
  });
}

describe.skipIf('skipped' in installed)('Email Trigger (IMAP) against a real Dovecot', () => {
  beforeAll(async () => {
    server = await startDovecot(
      Array.from({ length: USERS }, (_, i) => ({ user: `user${i + 1}`, password })),
    );
  });
  afterAll(async () => {
    await server?.close();
  });

  it('emits unread mail on activation, new mail as it arrives, attachments as binary data, then marks it read', async () => {
    const user = await newUser();
    await deliver(user, await message({ subject: 'old and read', text: 'skip me' }), ['\\Seen']);
    await deliver(
      user,
      await message({
        subject: 'Invoice',
        text: 'Please find it attached',
        html: '<p>Please find it <b>attached</b></p>',
        attachments: [
          { filename: 'invoice.pdf', content: Buffer.from('%PDF-1.4 fake'), contentType: 'application/pdf' },
        ],
      }),
    );
    const trigger = await listenTrigger({
      definition: emailImapTrigger,
      parameters: {
        mailbox: 'INBOX',
        postProcessAction: 'read',
        format: 'simple',
        downloadAttachments: true,
      },
      credential: { slot: 'imap', data: credential(user) },
    });
    try {
      const [first] = await trigger.runsDone(1);
      expect(first?.outcome.ok).toBe(true);
      expect(first?.output).toHaveLength(1);
      const item = first?.output[0];
      expect(item?.json).toMatchObject({
        from: '"Ann" <ann@example.com>',
        to: 'bob@example.com',
        subject: 'Invoice',
        textPlain: 'Please find it attached',
        textHtml: '<p>Please find it <b>attached</b></p>',
        metadata: expect.objectContaining({ 'message-id': expect.any(String) }),
      });
      expect(item?.json.date).toEqual(expect.any(String));
      const attachment = item?.binary?.attachment_0;
      expect(attachment).toMatchObject({
        fileName: 'invoice.pdf',
        mimeType: 'application/pdf',
        fileSize: 13,
      });
      expect(Buffer.from(await trigger.binary.get(attachment as never)).toString()).toBe('%PDF-1.4 fake');
      expect(await unseen(user)).toEqual([]);

      // New mail while the listener is idle: the server pushes EXISTS.
      await deliver(user, await message({ subject: 'Second', text: 'two' }));
      const runs = await trigger.runsDone(2);
      expect(runs[1]?.output.map((i) => i.json.subject)).toEqual(['Second']);
      expect(trigger.failures).toEqual([]);
    } finally {
      await trigger.close();
    }
  });

  it('leaves mail unread when its execution fails, and gives resolved and raw formats', async () => {
    const user = await newUser();
    await deliver(user, await message({ subject: 'Keep unread', text: 'x' }));
    const failing = await listenTrigger({
      definition: emailImapTrigger,
      parameters: { postProcessAction: 'read', format: 'resolved' },
      credential: { slot: 'imap', data: credential(user) },
      outcome: () => ({ status: 'error', ok: false }),
    });
    try {
      const [run] = await failing.runsDone(1);
      expect(run?.output[0]?.json).toMatchObject({
        subject: 'Keep unread',
        from: { value: [{ address: 'ann@example.com', name: 'Ann' }], text: '"Ann" <ann@example.com>' },
        text: 'x\n',
        messageId: expect.any(String),
      });
    } finally {
      await failing.close();
    }
    expect(await unseen(user)).toHaveLength(1);

    const raw = await listenTrigger({
      definition: emailImapTrigger,
      parameters: { postProcessAction: 'nothing', format: 'raw', options: { trackLastMessageId: false } },
      credential: { slot: 'imap', data: credential(user, { port: server.port, secure: false }) },
    });
    try {
      const [run] = await raw.runsDone(1);
      const source = Buffer.from(String(run?.output[0]?.json.raw), 'base64').toString();
      expect(source).toContain('Subject: Keep unread');
    } finally {
      await raw.close();
    }
    expect(await unseen(user)).toHaveLength(1);

    // Reopened (a reconnection), the trigger does not emit the mail it emitted before: only new mail.
    const reopened = await listenTrigger({
      definition: emailImapTrigger,
      parameters: { postProcessAction: 'nothing', format: 'resolved' },
      credential: { slot: 'imap', data: credential(user) },
    });
    try {
      await deliver(user, await message({ subject: 'After reconnect', text: 'y' }));
      const [run] = await reopened.runsDone(1);
      expect(run?.output.map((i) => i.json.subject)).toEqual(['After reconnect']);
    } finally {
      await reopened.close();
    }
  });

  it('follows custom rules', async () => {
    const user = await newUser();
    await deliver(user, await message({ subject: 'report: weekly', text: 'a' }), ['\\Seen']);
    await deliver(user, await message({ subject: 'other', text: 'b' }), ['\\Seen']);
    const trigger = await listenTrigger({
      definition: emailImapTrigger,
      parameters: {
        postProcessAction: 'nothing',
        options: { customEmailConfig: '["SEEN", ["SUBJECT", "report"]]' },
      },
      credential: { slot: 'imap', data: credential(user) },
    });
    try {
      const [run] = await trigger.runsDone(1);
      expect(run?.output.map((i) => i.json.subject)).toEqual(['report: weekly']);
    } finally {
      await trigger.close();
    }
  });

  it('refuses activation on a wrong password or unknown mailbox; an unreachable server is retryable', async () => {
    const user = await newUser();
    const open = (data: Record<string, unknown>, parameters: Record<string, unknown> = {}) =>
      listenTrigger({ definition: emailImapTrigger, parameters, credential: { slot: 'imap', data } });
    await expect(open(credential(user, { password: 'wrong-secret-pw' }))).rejects.toMatchObject({
      code: 'IMAP_AUTH_FAILED',
      details: { code: 'IMAP_AUTH_FAILED' },
      retryable: false,
    });
    await expect(open(credential(user), { mailbox: 'Nope' })).rejects.toMatchObject({
      details: { code: 'IMAP_COMMAND_FAILED' },
      retryable: false,
    });
    const down = open(credential(user, { port: 1 }));
    await expect(down).rejects.toMatchObject({
      details: { code: 'IMAP_CONNECTION_FAILED' },
      retryable: true,
    });
    await expect(down).rejects.toThrow('127.0.0.1:1');
    await expect(
      open(credential(user), { options: { customEmailConfig: '["SOMETIMES"]' } }),
    ).rejects.toMatchObject({
      details: { code: 'IMAP_RULES_INVALID' },
    });
  });

  it('holds one connection while listening and none once closed', async () => {
    const user = await newUser();
    const trigger = await listenTrigger({
      definition: emailImapTrigger,
      parameters: { postProcessAction: 'nothing' },
      credential: { slot: 'imap', data: credential(user) },
    });
    expect(await server.connections()).toBe(1);
    await trigger.close();
    expect(await settledCount(() => server.connections())).toBe(0);
    expect(trigger.failures).toEqual([]);
  });

  it('tests a credential: signed in, and a wrong password', async () => {
    const user = await newUser();
    const signal = new AbortController().signal;
    const ok = await imapCredential.test?.(credential(user), signal);
    expect(ok?.message).toContain('INBOX has 0 messages');
    expect(ok?.ok).toBe(true);
    expect(
      await imapCredential.test?.(credential(user, { port: server.port, secure: false }), signal),
    ).toMatchObject({
      ok: true,
    });
    const wrong = await imapCredential.test?.(credential(user, { password: 'nope' }), signal);
    expect(wrong).toMatchObject({ ok: false, message: expect.stringContaining('refused') });
  });
});

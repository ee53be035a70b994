import { MemoryBinaryStore } from '@guixu/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSmtpServer, type TestSmtpServer } from '../../../../scripts/test-servers/smtp.ts';
import { runNodeWorkflow } from '../shared/testing/run-node-workflow.ts';
import emailSend from './email-send.node.ts';
import smtpCredential from './smtp.credentials.ts';

/**
 * Against real SMTP servers on 127.0.0.1 (the npm `smtp-server` package, one
 * speaking TLS from the start, one offering STARTTLS), each message parsed
 * back with mailparser.
 */
let implicit: TestSmtpServer;
let starttls: TestSmtpServer;

const credentialFor = (server: TestSmtpServer, secure: boolean) => ({
  host: '127.0.0.1',
  port: server.port,
  user: server.user,
  password: server.password,
  secure,
  disableStartTls: false,
  hostName: 'guixu.test',
  allowUnauthorizedCerts: true,
});

function run(
  parameters: Record<string, unknown>,
  data: Record<string, unknown>,
  extra: { items?: Record<string, unknown>[]; binary?: MemoryBinaryStore; inputItems?: never } = {},
) {
  return runNodeWorkflow({
    definition: emailSend,
    parameters,
    credential: { slot: 'smtp', data },
    items: extra.items as never,
    ...(extra.binary ? { binary: extra.binary } : {}),
  });
}

beforeAll(async () => {
  implicit = await startSmtpServer({ tls: 'implicit' });
  starttls = await startSmtpServer({ tls: 'starttls', refuse: ['nobody@example.com'] });
});

afterAll(async () => {
  await implicit?.close();
  await starttls?.close();
});

describe('Send Email against a real SMTP server', () => {
  it('sends HTML and text over TLS with attachments from binary data', async () => {
    const binary = new MemoryBinaryStore();
    const report = await binary.put(Buffer.from('a,b\n1,2\n'), {
      mimeType: 'text/csv',
      fileName: 'report.csv',
    });
    const logo = await binary.put(Buffer.from([0x89, 0x50, 0x4e, 0x47]), {
      mimeType: 'image/png',
      fileName: 'logo.png',
    });
    const result = await runNodeWorkflow({
      definition: emailSend,
      parameters: {
        fromEmail: 'Flow <flow@example.com>',
        toEmail: '={{ $json.to }}',
        subject: '=Report for {{ $json.name }}',
        emailFormat: 'both',
        text: '=Hello {{ $json.name }}',
        html: '=<p>Hello <b>{{ $json.name }}</b></p><img src="cid:logo">',
        options: { attachments: 'report, logo', ccEmail: 'cc@example.com', replyTo: 'reply@example.com' },
      },
      credential: { slot: 'smtp', data: credentialFor(implicit, true) },
      binary,
      inputItems: [{ json: { to: 'ann@example.com', name: 'Ann' }, binary: { report, logo } }],
    });
    expect(result.error).toBeUndefined();
    expect(result.output).toEqual([
      expect.objectContaining({
        accepted: ['ann@example.com', 'cc@example.com'],
        rejected: [],
        messageId: expect.any(String),
      }),
    ]);
    const [mail] = await implicit.received(1);
    expect(mail?.subject).toBe('Report for Ann');
    expect(mail?.from?.text).toBe('"Flow" <flow@example.com>');
    expect(mail?.text?.trim()).toBe('Hello Ann');
    expect(mail?.html).toContain('<b>Ann</b>');
    expect(mail?.replyTo?.text).toBe('reply@example.com');
    const files = (mail?.attachments ?? []).map((a) => ({
      name: a.filename,
      type: a.contentType,
      text: a.content.toString('latin1'),
      cid: a.cid,
    }));
    expect(files).toEqual([
      { name: 'report.csv', type: 'text/csv', text: 'a,b\n1,2\n', cid: 'report' },
      { name: 'logo.png', type: 'image/png', text: '\x89PNG', cid: 'logo' },
    ]);
  });

  it('sends plain text through STARTTLS, one email per item, and in plain text with STARTTLS disabled', async () => {
    const result = await run(
      {
        fromEmail: 'flow@example.com',
        toEmail: '={{ $json.to }}',
        subject: 'Hi',
        emailFormat: 'text',
        text: 'plain',
      },
      credentialFor(starttls, false),
      { items: [{ to: 'a@example.com' }, { to: 'b@example.com' }] },
    );
    expect(result.error).toBeUndefined();
    expect(result.output.map((o) => o.accepted)).toEqual([['a@example.com'], ['b@example.com']]);
    const mails = await starttls.received(2);
    expect(mails.map((m) => m.to && !Array.isArray(m.to) && m.to.text)).toEqual([
      'a@example.com',
      'b@example.com',
    ]);
    expect(mails[0]?.html).toBe(false);
    expect(mails[0]?.text?.trim()).toBe('plain');
    expect(starttls.encrypted.slice(0, 2)).toEqual([true, true]);

    const plain = await run(
      {
        fromEmail: 'flow@example.com',
        toEmail: 'c@example.com',
        subject: 'Plain',
        emailFormat: 'text',
        text: 'p',
      },
      { ...credentialFor(starttls, false), disableStartTls: true, allowUnauthorizedCerts: false },
    );
    expect(plain.error).toBeUndefined();
    const all = await starttls.received(3);
    expect(all[2]?.subject).toBe('Plain');
    expect(starttls.encrypted[2]).toBe(false);
  });

  it('refuses an unverified certificate unless told to ignore it', async () => {
    const result = await run(
      {
        fromEmail: 'flow@example.com',
        toEmail: 'a@example.com',
        subject: 'x',
        emailFormat: 'text',
        text: 'x',
      },
      { ...credentialFor(starttls, false), allowUnauthorizedCerts: false },
    );
    expect(result.error).toMatchObject({ code: 'SMTP_CONNECTION_FAILED', node: 'DB' });
    expect(result.error?.message).toContain(`127.0.0.1:${starttls.port}`);
  });

  it('reports a wrong password, an unreachable server and a refused recipient as node errors', async () => {
    const params = {
      fromEmail: 'flow@example.com',
      toEmail: 'a@example.com',
      subject: 'x',
      emailFormat: 'text',
      text: 'x',
    };
    const wrong = await run(params, { ...credentialFor(implicit, true), password: 'wrong-secret-pw' });
    expect(wrong.error).toMatchObject({ code: 'SMTP_AUTH_FAILED', node: 'DB' });
    expect(wrong.error?.message).toContain('could not sign in');
    expect(JSON.stringify(wrong.runData)).not.toContain('wrong-secret-pw');

    const down = await run(params, { ...credentialFor(implicit, true), port: 1 });
    expect(down.error).toMatchObject({ code: 'SMTP_CONNECTION_FAILED', node: 'DB' });
    expect(down.error?.message).toContain('127.0.0.1:1');

    const refused = await run({ ...params, toEmail: 'nobody@example.com' }, credentialFor(starttls, false));
    expect(refused.error).toMatchObject({ code: 'SMTP_COMMAND_FAILED', node: 'DB' });
    expect(refused.error?.message).toContain('nobody@example.com');

    const missing = await run(
      { ...params, options: { attachments: 'data' } },
      credentialFor(starttls, false),
    );
    expect(missing.error).toMatchObject({ code: 'BINARY_MISSING', node: 'DB' });
  });

  it('tests a credential: connected, a wrong password, an unreachable host', async () => {
    const signal = new AbortController().signal;
    expect(await smtpCredential.test?.(credentialFor(implicit, true), signal)).toMatchObject({ ok: true });
    const wrong = await smtpCredential.test?.({ ...credentialFor(implicit, true), password: 'nope' }, signal);
    expect(wrong).toMatchObject({ ok: false, message: expect.stringContaining('Invalid') });
    const down = await smtpCredential.test?.({ ...credentialFor(implicit, true), port: 1 }, signal);
    expect(down).toMatchObject({ ok: false, message: expect.stringContaining('ECONNREFUSED') });
  });
});

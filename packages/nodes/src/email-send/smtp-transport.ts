import type { ParamsOf } from '@guixu/core';
import { createTransport, type Transporter } from 'nodemailer';
import type SMTPPool from 'nodemailer/lib/smtp-pool';
import type SMTPTransport from 'nodemailer/lib/smtp-transport';
import type { smtpFields } from './smtp.credentials.ts';

export type SmtpCredential = ParamsOf<typeof smtpFields>;

const TIMEOUT_MS = 10_000;

export function serverOf(credential: SmtpCredential): string {
  return `${credential.host}:${credential.port}`;
}

/** nodemailer's code for a refused sign-in. */
export function isAuthFailure(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === 'EAUTH';
}

export function smtpOptions(
  credential: SmtpCredential,
  overrides: { allowUnauthorizedCerts?: boolean } = {},
): SMTPTransport.Options {
  const insecure = overrides.allowUnauthorizedCerts ?? credential.allowUnauthorizedCerts;
  return {
    host: credential.host,
    port: credential.port,
    secure: credential.secure,
    ignoreTLS: !credential.secure && credential.disableStartTls,
    ...(credential.hostName ? { name: credential.hostName } : {}),
    ...(credential.user ? { auth: { user: credential.user, pass: credential.password } } : {}),
    tls: { rejectUnauthorized: !insecure },
    connectionTimeout: TIMEOUT_MS,
    greetingTimeout: TIMEOUT_MS,
    socketTimeout: TIMEOUT_MS * 3,
  };
}

/** One pooled SMTP connection for a node run, reused for its items (TLS and sign-in once), closed after. */
export function openTransport(
  credential: SmtpCredential,
  overrides?: { allowUnauthorizedCerts?: boolean },
): Transporter<SMTPPool.SentMessageInfo> {
  return createTransport({
    ...smtpOptions(credential, overrides),
    pool: true,
    maxConnections: 1,
    maxMessages: 1000,
  });
}

/** "Test connection": connect, EHLO, sign in when a user is set, QUIT. */
export async function testSmtp(credential: SmtpCredential): Promise<{ ok: boolean; message: string }> {
  const transport = createTransport(smtpOptions(credential));
  try {
    await transport.verify();
    return { ok: true, message: `Connected to the SMTP server at ${serverOf(credential)}` };
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return {
      ok: false,
      message: `Could not connect to the SMTP server at ${serverOf(credential)}: ${reason}`,
    };
  } finally {
    transport.close();
  }
}

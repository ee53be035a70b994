import type { ParamsOf } from '@guixu/core';
import { ImapFlow } from 'imapflow';
import type { imapFields } from './imap.credentials.ts';

export type ImapCredential = ParamsOf<typeof imapFields>;

const TIMEOUT_MS = 15_000;

export function serverOf(credential: ImapCredential): string {
  return `${credential.host}:${credential.port}`;
}

/** imapflow marks a refused LOGIN / AUTHENTICATE. */
export function isAuthFailure(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const { authenticationFailed, serverResponseCode } = error as {
    authenticationFailed?: unknown;
    serverResponseCode?: unknown;
  };
  return authenticationFailed === true || serverResponseCode === 'AUTHENTICATIONFAILED';
}

/** A client that does not reconnect by itself: a dropped connection is the listener's `fail`. */
export function imapClient(credential: ImapCredential, allowUnauthorizedCerts?: boolean): ImapFlow {
  return new ImapFlow({
    host: credential.host,
    port: credential.port,
    secure: credential.secure,
    auth: { user: credential.user, pass: credential.password },
    tls: { rejectUnauthorized: !(allowUnauthorizedCerts ?? credential.allowUnauthorizedCerts) },
    logger: false,
    connectionTimeout: TIMEOUT_MS,
    greetingTimeout: TIMEOUT_MS,
    socketTimeout: 5 * 60_000,
    // IDLE (the server pushes new mail) half a second after the last command, not imapflow's 15 s.
    autoIdleDelay: 500,
  });
}

/** "Test connection": sign in, open INBOX read-only, log out. */
export async function testImap(credential: ImapCredential): Promise<{ ok: boolean; message: string }> {
  const client = imapClient(credential);
  client.on('error', () => undefined);
  try {
    await client.connect();
    const box = await client.mailboxOpen('INBOX', { readOnly: true });
    await client.logout();
    return { ok: true, message: `Signed in to ${serverOf(credential)}: INBOX has ${box.exists} messages` };
  } catch (error) {
    client.close();
    const reason = isAuthFailure(error)
      ? 'the user name or password was refused'
      : error instanceof Error
        ? error.message
        : String(error);
    return {
      ok: false,
      message: `Could not connect to the IMAP server at ${serverOf(credential)}: ${reason}`,
    };
  }
}

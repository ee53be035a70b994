import type { AddressInfo } from 'node:net';
import { type ParsedMail, simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { selfSignedCertificate } from '../../packages/nodes/src/http-request/test-support/self-signed.ts';

/**
 * A local SMTP server for tests (the npm `smtp-server` package): accepts mail
 * for a user/password on 127.0.0.1 and a free port, parses every message
 * (`mailparser`) and keeps it. `tls: 'implicit'` speaks TLS from the start,
 * `'starttls'` offers STARTTLS, `'none'` plain text only. Certificates are
 * self-signed, made at start.
 */
export interface TestSmtpServer {
  port: number;
  user: string;
  password: string;
  messages: ParsedMail[];
  /** Whether each message came over an encrypted connection (implicit TLS or STARTTLS), in order. */
  encrypted: boolean[];
  /** Resolves with the next `count` messages received (counting those already in). */
  received(count: number): Promise<ParsedMail[]>;
  close(): Promise<void>;
}

export async function startSmtpServer(options: {
  tls: 'implicit' | 'starttls' | 'none';
  user?: string;
  password?: string;
  /** Recipients the server refuses (550). */
  refuse?: string[];
}): Promise<TestSmtpServer> {
  const user = options.user ?? 'mailer';
  const password = options.password ?? 'mail-secret';
  const messages: ParsedMail[] = [];
  const encrypted: boolean[] = [];
  const waiters: { count: number; resolve: (mail: ParsedMail[]) => void }[] = [];
  const { key, cert } = selfSignedCertificate('localhost');
  const server = new SMTPServer({
    secure: options.tls === 'implicit',
    ...(options.tls === 'none' ? { disabledCommands: ['STARTTLS'] } : { key, cert }),
    allowInsecureAuth: true,
    authMethods: ['PLAIN', 'LOGIN'],
    logger: false,
    onAuth(auth, _session, callback) {
      if (auth.username === user && auth.password === password) callback(null, { user });
      else callback(new Error('Invalid username or password'));
    },
    onRcptTo(address, _session, callback) {
      if (options.refuse?.includes(address.address)) {
        const error = Object.assign(new Error(`Mailbox ${address.address} unavailable`), {
          responseCode: 550,
        });
        callback(error);
      } else callback();
    },
    onData(stream, session, callback) {
      simpleParser(stream)
        .then((mail) => {
          messages.push(mail);
          encrypted.push(session.secure);
          for (const waiter of [...waiters]) {
            if (messages.length >= waiter.count) {
              waiters.splice(waiters.indexOf(waiter), 1);
              waiter.resolve(messages.slice(0, waiter.count));
            }
          }
          callback();
        })
        .catch((error: Error) => callback(error));
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  server.on('error', () => undefined);
  const port = (server.server.address() as AddressInfo).port;
  return {
    port,
    user,
    password,
    messages,
    encrypted,
    received(count) {
      if (messages.length >= count) return Promise.resolve(messages.slice(0, count));
      return new Promise((resolve) => waiters.push({ count, resolve }));
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

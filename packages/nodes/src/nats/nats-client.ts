import type { GuixuError, ParamsOf } from '@guixu/core';
import { type ConnectionOptions, connect, type NatsConnection } from '@nats-io/transport-node';
import { connectionError, failureHandler } from '../shared/connection-errors.ts';
import type { natsFields } from './nats.credentials.ts';

export type NatsCredential = ParamsOf<typeof natsFields>;

const CONNECT_TIMEOUT_MS = 5_000;

export function serverOf(credential: NatsCredential): string {
  return credential.servers;
}

export function isAuthFailure(error: unknown): boolean {
  const message = error instanceof Error ? error.message : '';
  return /authori[sz]ation|authentication/i.test(message);
}

export function natsFailure(
  node: string,
  credential: NatsCredential,
): (error: unknown, itemIndex?: number) => GuixuError {
  return failureHandler({
    node,
    product: 'NATS',
    prefix: 'NATS',
    server: serverOf(credential),
    isAuthFailure,
    rejected: 'COMMAND_FAILED',
  });
}

/** A failure to connect: refused sign-in, or anything else (nats.js names no socket error code). */
export function natsConnectFailure(node: string, credential: NatsCredential): (error: unknown) => GuixuError {
  return (error) =>
    connectionError(error, {
      node,
      product: 'NATS',
      prefix: 'NATS',
      server: serverOf(credential),
      kind: isAuthFailure(error) ? 'AUTH_FAILED' : 'CONNECTION_FAILED',
    });
}

/** One connection without nats.js's own reconnect: a run connects and drains; the trigger service reopens triggers. */
export function openNats(credential: NatsCredential, name = 'guixuflow'): Promise<NatsConnection> {
  const options: ConnectionOptions = {
    servers: credential.servers
      .split(',')
      .map((s) => s.trim())
      .filter((s) => s !== ''),
    name,
    timeout: CONNECT_TIMEOUT_MS,
    reconnect: false,
  };
  if (credential.authentication === 'userPassword') {
    options.user = credential.user;
    options.pass = credential.password;
  }
  if (credential.authentication === 'token') options.token = credential.token;
  if (credential.tls) options.tls = credential.ca ? { ca: credential.ca.replace(/\\n/g, '\n') } : {};
  return connect(options);
}

/** "Test connection": connect, flush (a round trip), close. */
export async function testNats(credential: NatsCredential): Promise<{ ok: boolean; message: string }> {
  let nc: NatsConnection | undefined;
  try {
    nc = await openNats(credential, 'guixuflow connection test');
    await nc.flush();
    return { ok: true, message: `Connected to NATS at ${serverOf(credential)}` };
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return { ok: false, message: `Could not connect to NATS at ${serverOf(credential)}: ${reason}` };
  } finally {
    await nc?.close().catch(() => undefined);
  }
}

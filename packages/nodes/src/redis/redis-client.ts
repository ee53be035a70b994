import type { ParamsOf } from '@guixu/core';
import { Redis, type RedisOptions } from 'ioredis';
import { connectionKey, dropConnection, withConnection } from '../shared/connection-cache.ts';
import type { redisFields } from './redis.credentials.ts';

export type RedisCredential = ParamsOf<typeof redisFields>;

const CONNECT_TIMEOUT_MS = 5_000;

export function clientOptions(credential: RedisCredential): RedisOptions {
  return {
    host: credential.host,
    port: credential.port,
    db: credential.database,
    ...(credential.user ? { username: credential.user } : {}),
    ...(credential.password ? { password: credential.password } : {}),
    ...(credential.ssl ? { tls: { rejectUnauthorized: !credential.disableTlsVerification } } : {}),
    connectionName: 'guixuflow',
    connectTimeout: CONNECT_TIMEOUT_MS,
    lazyConnect: true,
    // A refused or lost connection is the node's error, not an endless reconnect loop.
    maxRetriesPerRequest: 1,
    retryStrategy: (times) => (times > 2 ? null : 100 * times),
    enableOfflineQueue: true,
  };
}

export function serverOf(credential: RedisCredential): string {
  return `${credential.host}:${credential.port}`;
}

/** WRONGPASS (ACL users), NOAUTH / "AUTH … without any password configured" (password only). */
export function isAuthFailure(error: unknown): boolean {
  const message = error instanceof Error ? error.message : '';
  return /^(WRONGPASS|NOAUTH)|AUTH.*without any password|invalid password/i.test(message);
}

class RedisConnection {
  private ready: Promise<void> | undefined;
  /** ioredis reports a refused AUTH as an 'error' event and rejects connect() with "Connection is closed". */
  private lastError: unknown;
  constructor(readonly client: Redis) {
    // Errors surface on the command that needs the connection; this keeps the thread alive.
    client.on('error', (error) => {
      this.lastError = error;
    });
    // ioredis gives up after its few retries (a server restart takes longer): the next use
    // connects again instead of failing with "Connection is closed." for as long as the client is cached.
    client.on('end', () => {
      this.ready = undefined;
    });
  }
  connect(): Promise<void> {
    if (this.ready === undefined) {
      this.lastError = undefined;
      this.ready = this.client.connect().catch((error: unknown) => {
        throw this.lastError ?? error;
      });
    }
    return this.ready;
  }
  async close(): Promise<void> {
    if (this.client.status === 'ready') await this.client.quit().catch(() => undefined);
    this.client.disconnect();
  }
}

/** Runs `work` with this thread's client for the credential (connected first). */
export function withRedis<T>(credential: RedisCredential, work: (client: Redis) => Promise<T>): Promise<T> {
  const options = clientOptions(credential);
  const { retryStrategy: _retry, ...settings } = options;
  const key = connectionKey('redis', { ...settings, tls: JSON.stringify(settings.tls ?? null) });
  return withConnection(
    key,
    () => new RedisConnection(new Redis(options)),
    async (connection) => {
      try {
        await connection.connect();
      } catch (error) {
        await dropConnection(key);
        throw error;
      }
      return work(connection.client);
    },
  );
}

/** "Test connection": connect, PING, close. */
export async function testRedis(credential: RedisCredential): Promise<{ ok: boolean; message: string }> {
  const connection = new RedisConnection(
    new Redis({ ...clientOptions(credential), retryStrategy: () => null }),
  );
  try {
    await connection.connect();
    const pong = await connection.client.ping();
    return { ok: pong === 'PONG', message: `Connected to Redis at ${serverOf(credential)}` };
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return { ok: false, message: `Could not connect to Redis at ${serverOf(credential)}: ${reason}` };
  } finally {
    await connection.close();
  }
}

import type { ParamsOf } from '@guixu/core';
import pg from 'pg';
import { connectionKey } from '../shared/connection-cache.ts';
import {
  postgresDialect,
  type SqlConnector,
  type SqlSession,
  type StatementResult,
} from '../shared/sql/dialect.ts';
import { pooledConnector } from '../shared/sql/pooled-session.ts';
import type { postgresFields } from './postgres.credentials.ts';

export type PostgresCredential = ParamsOf<typeof postgresFields>;

const CONNECT_TIMEOUT_MS = 10_000;

function poolConfig(credential: PostgresCredential): pg.PoolConfig {
  // As n8n: "Ignore SSL Issues" turns TLS on without verification; otherwise SSL unless disabled.
  const ssl = credential.allowUnauthorizedCerts
    ? { rejectUnauthorized: false }
    : credential.ssl === 'disable'
      ? false
      : { rejectUnauthorized: true };
  return {
    host: credential.host,
    port: credential.port,
    database: credential.database,
    user: credential.user,
    password: credential.password,
    ssl,
    max: credential.maxConnections,
    connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
    idleTimeoutMillis: 10_000,
    allowExitOnIdle: true,
    application_name: 'guixuflow',
  };
}

export function serverOf(credential: PostgresCredential): string {
  return `${credential.host}:${credential.port}`;
}

export function isAuthFailure(error: unknown): boolean {
  const code = typeof error === 'object' && error !== null ? (error as { code?: unknown }).code : undefined;
  // 28P01 invalid_password, 28000 invalid_authorization_specification, 3D000 invalid_catalog_name.
  return code === '28P01' || code === '28000' || code === '3D000';
}

function resultOf(result: pg.QueryResult): StatementResult {
  const hasRows = result.fields !== undefined && result.fields.length > 0;
  return { rows: result.rows, affected: result.rowCount ?? 0, hasRows };
}

function sessionOn(client: pg.PoolClient): SqlSession {
  return {
    async run(statement) {
      const raw: unknown =
        statement.values.length > 0
          ? await client.query(statement.sql, statement.values)
          : await client.query(statement.sql);
      // A query text with several statements (and no parameters) answers with one result each.
      const list = (Array.isArray(raw) ? raw : [raw]) as pg.QueryResult[];
      return list.map(resultOf);
    },
  };
}

class PostgresPool {
  readonly pool: pg.Pool;
  constructor(config: pg.PoolConfig) {
    this.pool = new pg.Pool(config);
    // An idle client losing its server must not crash the thread; the next query reconnects.
    this.pool.on('error', () => undefined);
  }
  close(): Promise<void> {
    return this.pool.end();
  }
}

/** A connector on this thread's pool for the credential. */
export function postgresConnector(credential: PostgresCredential): SqlConnector {
  const config = poolConfig(credential);
  const key = connectionKey('postgres', { ...config });
  return pooledConnector({
    dialect: postgresDialect,
    key,
    create: () => new PostgresPool(config),
    isAuthFailure,
    async borrow({ pool }) {
      const client = await pool.connect();
      return {
        session: sessionOn(client),
        begin: async () => void (await client.query('BEGIN')),
        commit: async () => void (await client.query('COMMIT')),
        rollback: async () => void (await client.query('ROLLBACK')),
        release: (broken) => client.release(broken),
      };
    },
  });
}

/** "Test connection": one connection, `SELECT version()`, closed again. */
export async function testPostgres(
  credential: PostgresCredential,
): Promise<{ ok: boolean; message: string }> {
  const client = new pg.Client({ ...poolConfig(credential), connectionTimeoutMillis: CONNECT_TIMEOUT_MS });
  client.on('error', () => undefined);
  try {
    await client.connect();
    const result = await client.query<{ version: string }>('SELECT version() AS version');
    const version = result.rows[0]?.version.split(' ').slice(0, 2).join(' ') ?? 'PostgreSQL';
    return { ok: true, message: `Connected to ${version} at ${serverOf(credential)}` };
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return { ok: false, message: `Could not connect to PostgreSQL at ${serverOf(credential)}: ${reason}` };
  } finally {
    await client.end().catch(() => undefined);
  }
}

import type { ParamsOf } from '@guixu/core';
import mysql, { type FieldPacket, type PoolConnection, type ResultSetHeader } from 'mysql2/promise';
import { connectionKey } from '../shared/connection-cache.ts';
import {
  mysqlDialect,
  type SqlConnector,
  type SqlSession,
  type StatementResult,
} from '../shared/sql/dialect.ts';
import { pooledConnector } from '../shared/sql/pooled-session.ts';
import type { mySqlFields } from './my-sql.credentials.ts';

export type MySqlCredential = ParamsOf<typeof mySqlFields>;

const AUTH_ERRORS = new Set(['ER_ACCESS_DENIED_ERROR', 'ER_DBACCESS_DENIED_ERROR', 'ER_BAD_DB_ERROR']);

function connectionConfig(credential: MySqlCredential): mysql.ConnectionOptions {
  const ssl = credential.ssl
    ? {
        ...(credential.caCertificate ? { ca: credential.caCertificate } : {}),
        ...(credential.clientCertificate ? { cert: credential.clientCertificate } : {}),
        ...(credential.clientPrivateKey ? { key: credential.clientPrivateKey } : {}),
      }
    : undefined;
  return {
    host: credential.host,
    port: credential.port,
    database: credential.database,
    user: credential.user,
    password: credential.password,
    connectTimeout: credential.connectTimeout,
    ...(ssl ? { ssl } : {}),
    // Statements are never built by splicing values, so several in one query text are safe to allow (as n8n does).
    multipleStatements: true,
    supportBigNumbers: true,
    bigNumberStrings: true,
    // DECIMAL stays text (exact); JSON columns arrive parsed.
    decimalNumbers: false,
  };
}

export function serverOf(credential: MySqlCredential): string {
  return `${credential.host}:${credential.port}`;
}

export function isAuthFailure(error: unknown): boolean {
  const code = typeof error === 'object' && error !== null ? (error as { code?: unknown }).code : undefined;
  return typeof code === 'string' && AUTH_ERRORS.has(code);
}

function isHeader(value: unknown): value is ResultSetHeader {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && 'affectedRows' in value;
}

function resultOf(value: unknown): StatementResult {
  if (isHeader(value)) {
    return { rows: [], affected: value.affectedRows, insertId: value.insertId, hasRows: false };
  }
  const rows = Array.isArray(value)
    ? value.filter((row): row is Record<string, unknown> => typeof row === 'object' && row !== null)
    : [];
  return { rows, affected: 0, hasRows: true };
}

/** Several statements in one text answer with one result (and one field list) each. */
function isMultiResult(fields: unknown): boolean {
  return Array.isArray(fields) && fields.length > 0 && (fields[0] === undefined || Array.isArray(fields[0]));
}

function sessionOn(connection: PoolConnection): SqlSession {
  return {
    async run(statement) {
      const [result, fields]: [unknown, FieldPacket[] | undefined] =
        statement.values.length > 0
          ? await connection.execute(statement.sql, statement.values as never)
          : await connection.query(statement.sql);
      if (isMultiResult(fields) && Array.isArray(result)) return result.map(resultOf);
      return [resultOf(result)];
    },
  };
}

class MySqlPool {
  readonly pool: mysql.Pool;
  constructor(config: mysql.PoolOptions) {
    this.pool = mysql.createPool(config);
  }
  close(): Promise<void> {
    return this.pool.end();
  }
}

/** A connector on this thread's pool for the credential. */
export function mySqlConnector(credential: MySqlCredential): SqlConnector {
  const config: mysql.PoolOptions = {
    ...connectionConfig(credential),
    connectionLimit: 10,
    maxIdle: 2,
    idleTimeout: 10_000,
  };
  const key = connectionKey('mysql', { ...config, ssl: JSON.stringify(config.ssl ?? null) });
  return pooledConnector({
    dialect: mysqlDialect,
    key,
    create: () => new MySqlPool(config),
    isAuthFailure,
    async borrow({ pool }) {
      const connection = await pool.getConnection();
      return {
        session: sessionOn(connection),
        begin: () => connection.beginTransaction(),
        commit: () => connection.commit(),
        rollback: () => connection.rollback(),
        release: (broken) => (broken ? connection.destroy() : connection.release()),
      };
    },
  });
}

/** "Test connection": one connection, `SELECT VERSION()`, closed again. */
export async function testMySql(credential: MySqlCredential): Promise<{ ok: boolean; message: string }> {
  let connection: mysql.Connection | undefined;
  try {
    connection = await mysql.createConnection(connectionConfig(credential));
    const [rows] = await connection.query('SELECT VERSION() AS version');
    const first: unknown = Array.isArray(rows) ? rows[0] : undefined;
    const version =
      typeof first === 'object' && first !== null && 'version' in first ? String(first.version) : 'unknown';
    return { ok: true, message: `Connected to MySQL ${version} at ${serverOf(credential)}` };
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return { ok: false, message: `Could not connect to MySQL at ${serverOf(credential)}: ${reason}` };
  } finally {
    await connection?.end().catch(() => undefined);
  }
}

import { type Closable, dropConnection, withConnection } from '../connection-cache.ts';
import { isNetworkFailure } from '../connection-errors.ts';
import type { SqlConnector, SqlDialect, SqlSession } from './dialect.ts';

/** One connection borrowed from a driver's pool. */
export interface BorrowedConnection {
  session: SqlSession;
  begin(): Promise<void>;
  commit(): Promise<void>;
  rollback(): Promise<void>;
  /** Back to the pool; `broken` destroys it instead. */
  release(broken: boolean): void;
}

/**
 * Borrows a connection, runs `work` on it (in a transaction when asked:
 * committed on success, rolled back on failure) and gives it back. A pool
 * that cannot reach or sign in to its server is dropped from the cache.
 */
export async function pooledSession<T>(options: {
  key: string;
  borrow(): Promise<BorrowedConnection>;
  isAuthFailure(error: unknown): boolean;
  transaction: boolean;
  work(session: SqlSession): Promise<T>;
}): Promise<T> {
  let connection: BorrowedConnection;
  try {
    connection = await options.borrow();
  } catch (error) {
    if (options.isAuthFailure(error) || isNetworkFailure(error)) await dropConnection(options.key);
    throw error;
  }
  let broken = false;
  try {
    if (!options.transaction) return await options.work(connection.session);
    await connection.begin();
    try {
      const result = await options.work(connection.session);
      await connection.commit();
      return result;
    } catch (error) {
      await connection.rollback().catch(() => {
        broken = true;
      });
      throw error;
    }
  } catch (error) {
    if (isNetworkFailure(error)) broken = true;
    throw error;
  } finally {
    connection.release(broken);
  }
}

/** A connector on this thread's cached pool for `key` (created by `create` on first use). */
export function pooledConnector<P extends Closable>(options: {
  dialect: SqlDialect;
  key: string;
  create(): P;
  borrow(pool: P): Promise<BorrowedConnection>;
  isAuthFailure(error: unknown): boolean;
}): SqlConnector {
  const { key, isAuthFailure } = options;
  return {
    dialect: options.dialect,
    session: (transaction, work) =>
      withConnection(key, options.create, (pool) =>
        pooledSession({ key, isAuthFailure, transaction, work, borrow: () => options.borrow(pool) }),
      ),
  };
}

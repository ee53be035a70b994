import type { DatabaseConfig } from '../config.ts';
import type { Database } from './dialect.ts';
import { openSqlite } from './sqlite.ts';

export async function openDatabase(config: DatabaseConfig): Promise<Database> {
  if (config.kind === 'sqlite') return openSqlite({ file: config.file });
  // Loaded only when used: the pg driver adds ~15 MB to an embedded (SQLite) server.
  const { openPostgres } = await import('./postgres.ts');
  return openPostgres({ url: config.url, ...(config.schema === undefined ? {} : { schema: config.schema }) });
}

import type { DatabaseConfig } from '../config.ts';
import type { Database } from './dialect.ts';
import { openPostgres } from './postgres.ts';
import { openSqlite } from './sqlite.ts';

export async function openDatabase(config: DatabaseConfig): Promise<Database> {
  if (config.kind === 'sqlite') return openSqlite({ file: config.file });
  return openPostgres({ url: config.url, ...(config.schema === undefined ? {} : { schema: config.schema }) });
}

import type { Kysely } from 'kysely';
import type { DialectAdapter } from '../dialect.ts';
import { initial } from './0001-initial.ts';
import { accounts } from './0002-accounts.ts';
import { oneOwner } from './0003-one-owner.ts';

export interface CodeMigration {
  up(db: Kysely<unknown>): Promise<void>;
  down?(db: Kysely<unknown>): Promise<void>;
}

/**
 * The one migration set, in order. Names are permanent; a schema change is a
 * new entry, never an edit of an applied one.
 */
export function migrationsFor(adapter: DialectAdapter): Record<string, CodeMigration> {
  return {
    '0001-initial': initial(adapter),
    '0002-accounts': accounts(adapter),
    '0003-one-owner': oneOwner(),
  };
}

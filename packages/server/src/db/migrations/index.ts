import type { Kysely } from 'kysely';
import type { DialectAdapter } from '../dialect.ts';
import { initial } from './0001-initial.ts';
import { accounts } from './0002-accounts.ts';
import { oneOwner } from './0003-one-owner.ts';
import { ai } from './0004-ai.ts';
import { knowledgeBases } from './0005-knowledge-bases.ts';
import { staticData } from './0006-static-data.ts';
import { workflowCallbacks } from './0007-workflow-callbacks.ts';
import { subworkflowWaits } from './0008-subworkflow-waits.ts';

/** Tables a migration fills with defaults (a restore replaces their rows instead of refusing). */
export const SEEDED_TABLES: ReadonlySet<string> = new Set(['llm_prices']);

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
    '0004-ai': ai(adapter),
    '0005-knowledge-bases': knowledgeBases(adapter),
    '0006-static-data': staticData(adapter),
    '0007-workflow-callbacks': workflowCallbacks(adapter),
    '0008-subworkflow-waits': subworkflowWaits(adapter),
  };
}

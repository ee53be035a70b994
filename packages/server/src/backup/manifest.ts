import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { GuixuError } from '@guixu/core';
import { z } from 'zod';

export const MANIFEST_FILE = 'manifest.json';
export const SQLITE_FILE = 'database.sqlite';
export const POSTGRES_FILE = 'database.jsonl';
export const KEY_FILE = 'encryption.key';

/** What a backup directory holds; restore checks it before touching anything. */
export const manifestSchema = z.object({
  format: z.literal('guixu-backup'),
  formatVersion: z.literal(1),
  createdAt: z.string(),
  guixuVersion: z.string(),
  database: z.enum(['sqlite', 'postgres']),
  /** The migrations the database had: restore refuses a backup newer than its own code. */
  migrations: z.array(z.string()),
  /** The id of the key the credentials are encrypted with (never the key itself). */
  keyId: z.string(),
  /** Whether `encryption.key` is in the backup. */
  keyIncluded: z.boolean(),
  /** Rows per table (PostgreSQL dump) or the SQLite file's size: a quick check of what came back. */
  tables: z.record(z.string(), z.number()).optional(),
});
export type BackupManifest = z.infer<typeof manifestSchema>;

export function writeManifest(dir: string, manifest: BackupManifest): void {
  writeFileSync(join(dir, MANIFEST_FILE), `${JSON.stringify(manifest, null, 2)}\n`, { mode: 0o600 });
}

export function readManifest(dir: string): BackupManifest {
  let text: string;
  try {
    text = readFileSync(join(dir, MANIFEST_FILE), 'utf8');
  } catch {
    throw new GuixuError('BACKUP_INVALID', `${dir} is not a GuixuFlow backup: it has no ${MANIFEST_FILE}`, {
      audience: 'operator',
    });
  }
  const parsed = manifestSchema.safeParse(JSON.parse(text));
  if (!parsed.success) {
    throw new GuixuError('BACKUP_INVALID', `${join(dir, MANIFEST_FILE)} is not a GuixuFlow backup manifest`, {
      audience: 'operator',
      details: { issues: parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`) },
    });
  }
  return parsed.data;
}

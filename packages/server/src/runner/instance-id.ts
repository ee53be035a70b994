import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * This instance's id, kept in the data directory: after a crash the restarted
 * process has the same id, so executions it left `running` are known to be
 * orphaned at once, without waiting for their heartbeat to go stale.
 */
export function instanceIdFor(dataDir: string): string {
  const file = join(dataDir, 'instance-id');
  try {
    const existing = readFileSync(file, 'utf8').trim();
    if (/^[A-Za-z0-9_-]{8,64}$/.test(existing)) return existing;
  } catch {
    // Missing or unreadable: a new id is written below.
  }
  const id = `i-${randomBytes(8).toString('hex')}`;
  try {
    mkdirSync(dataDir, { recursive: true });
    writeFileSync(file, id, { mode: 0o600 });
  } catch {
    // A read-only data dir still runs; recovery then relies on stale heartbeats.
  }
  return id;
}

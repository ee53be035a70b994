import type { FastifyRequest } from 'fastify';
import { sql } from 'kysely';
import type { Database } from '../../db/dialect.ts';
import { newId, nowIso } from '../../ids.ts';
import type { Actor } from '../../security/policy.ts';
import { type SecurityDb, securityDb } from '../../security/tables.ts';

export interface AuditEvent {
  /** `<resource>.<verb>`: `workflow.update`, `user.login`, `user.login_failed`, `apiKey.use`… */
  action: string;
  /** Who did it; omit for the system (schedules, retention). */
  actor?: Actor | { id: string | null; label: string | null; kind: string };
  /** Gives the client address (and the actor when `actor` is omitted). */
  request?: FastifyRequest;
  resourceType?: string;
  resourceId?: string;
  projectId?: string | null;
  summary: string;
  /** Changed fields: `{ field: [before, after] }`; never secrets. */
  diff?: Record<string, unknown>;
}

const RETENTION_KEY = 'audit.retentionDays';
export const DEFAULT_RETENTION_DAYS = 365;

function actorColumns(event: AuditEvent) {
  const actor = event.actor ?? event.request?.actor;
  if (actor === undefined) return { actor_id: null, actor_label: null, actor_kind: 'system' };
  if ('userId' in actor) {
    return {
      actor_id: actor.userId,
      actor_label: actor.kind === 'apiKey' ? `${actor.email} (API key ${actor.apiKeyId ?? ''})` : actor.email,
      actor_kind: actor.kind,
    };
  }
  return { actor_id: actor.id, actor_label: actor.label, actor_kind: actor.kind };
}

/** The audit trail. Other features call `ctx.services.get('audit').record({...})` after a change commits. */
export class AuditLog {
  readonly db: SecurityDb;

  constructor(private readonly database: Database) {
    this.db = securityDb(database);
  }

  async record(event: AuditEvent): Promise<void> {
    await this.db
      .insertInto('audit_log')
      .values({
        id: newId(),
        at: nowIso(),
        ...actorColumns(event),
        action: event.action,
        resource_type: event.resourceType ?? null,
        resource_id: event.resourceId ?? null,
        project_id: event.projectId ?? null,
        ip: event.request?.ip ?? null,
        summary: event.summary.slice(0, 1000),
        diff: this.database.adapter.jsonOrNull(event.diff),
      })
      .execute();
  }

  async retentionDays(): Promise<number> {
    const row = await this.db
      .selectFrom('instance_settings')
      .select('value')
      .where('key', '=', RETENTION_KEY)
      .executeTakeFirst();
    const value = row === undefined ? undefined : this.database.adapter.readJson(row.value);
    return typeof value === 'number' ? value : DEFAULT_RETENTION_DAYS;
  }

  async setRetentionDays(days: number): Promise<void> {
    await this.db
      .insertInto('instance_settings')
      .values({ key: RETENTION_KEY, value: this.database.adapter.json(days), updated_at: nowIso() })
      .onConflict((oc) =>
        oc.column('key').doUpdateSet({ value: sql`excluded.value`, updated_at: sql`excluded.updated_at` }),
      )
      .execute();
  }

  /** Deletes entries past the retention; returns how many. */
  async prune(now = Date.now()): Promise<number> {
    const days = await this.retentionDays();
    if (days === 0) return 0;
    const cutoff = new Date(now - days * 86_400_000).toISOString();
    const result = await this.db.deleteFrom('audit_log').where('at', '<', cutoff).executeTakeFirst();
    return Number(result.numDeletedRows);
  }
}

/** `{ field: [before, after] }` for the fields that changed; secret fields show as changed without values. */
export function diffSummary(
  before: Record<string, unknown>,
  after: Record<string, unknown>,
  secret: readonly string[] = [],
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of new Set([...Object.keys(before), ...Object.keys(after)])) {
    if (JSON.stringify(before[key]) === JSON.stringify(after[key])) continue;
    out[key] = secret.includes(key) ? '(changed)' : [before[key] ?? null, after[key] ?? null];
  }
  return out;
}

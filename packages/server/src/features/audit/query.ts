import type { auditQuerySchema } from '@guixu/api';
import type { z } from 'zod';
import type { Database } from '../../db/dialect.ts';
import { decodeCursor, encodeCursor } from '../../http/cursor.ts';
import type { AuditLog } from './audit-log.ts';

type Query = z.output<typeof auditQuerySchema>;

export interface AuditEntryDto {
  id: string;
  at: string;
  actor: { id: string | null; label: string | null; kind: string };
  action: string;
  resourceType: string | null;
  resourceId: string | null;
  projectId: string | null;
  ip: string | null;
  summary: string;
  diff: unknown;
}

/** Newest first, keyset-paginated on (at, id). */
export async function queryAudit(audit: AuditLog, database: Database, query: Query) {
  let q = audit.db.selectFrom('audit_log').selectAll();
  if (query.actorId) q = q.where('actor_id', '=', query.actorId);
  if (query.action) q = q.where('action', '=', query.action);
  if (query.resourceType) q = q.where('resource_type', '=', query.resourceType);
  if (query.resourceId) q = q.where('resource_id', '=', query.resourceId);
  if (query.projectId) q = q.where('project_id', '=', query.projectId);
  if (query.from) q = q.where('at', '>=', new Date(query.from).toISOString());
  if (query.to) q = q.where('at', '<', new Date(query.to).toISOString());
  if (query.cursor) {
    const cursor = decodeCursor(query.cursor, 'at');
    const at = String(cursor.v);
    q = q.where((eb) => eb.or([eb('at', '<', at), eb.and([eb('at', '=', at), eb('id', '<', cursor.id)])]));
  }
  const rows = await q
    .orderBy('at', 'desc')
    .orderBy('id', 'desc')
    .limit(query.limit + 1)
    .execute();
  const page = rows.slice(0, query.limit);
  const last = page[page.length - 1];
  return {
    data: page.map(
      (r): AuditEntryDto => ({
        id: r.id,
        at: r.at,
        actor: { id: r.actor_id, label: r.actor_label, kind: r.actor_kind },
        action: r.action,
        resourceType: r.resource_type,
        resourceId: r.resource_id,
        projectId: r.project_id,
        ip: r.ip,
        summary: r.summary,
        diff: r.diff === null ? null : database.adapter.readJson(r.diff),
      }),
    ),
    nextCursor: rows.length > query.limit && last ? encodeCursor({ s: 'at', v: last.at, id: last.id }) : null,
  };
}

function csvCell(value: unknown): string {
  const text =
    value === null || value === undefined ? '' : typeof value === 'string' ? value : JSON.stringify(value);
  // Quote everything; a leading = + - @ is defused so spreadsheets do not run it as a formula.
  const safe = /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
  return `"${safe.replace(/"/g, '""')}"`;
}

export function toCsv(entries: AuditEntryDto[]): string {
  const header = [
    'at',
    'actor_id',
    'actor',
    'actor_kind',
    'action',
    'resource_type',
    'resource_id',
    'project_id',
    'ip',
    'summary',
    'diff',
  ];
  const lines = entries.map((e) =>
    [
      e.at,
      e.actor.id,
      e.actor.label,
      e.actor.kind,
      e.action,
      e.resourceType,
      e.resourceId,
      e.projectId,
      e.ip,
      e.summary,
      e.diff,
    ]
      .map(csvCell)
      .join(','),
  );
  return `${[header.join(','), ...lines].join('\r\n')}\r\n`;
}

import type { WorkflowRecord } from '@guixu/api';
import { GuixuError, workflowSchema } from '@guixu/core';
import type { Selectable } from 'kysely';
import { z } from 'zod';
import type { DialectAdapter } from '../../db/dialect.ts';
import type { WorkflowsTable } from '../../db/tables.ts';
import type { TagRef } from '../tags/repository.ts';

/** The editable part of a workflow: what every saved version snapshots. */
export const workflowContentSchema = z.object({
  name: z.string(),
  nodes: workflowSchema.shape.nodes,
  connections: workflowSchema.shape.connections.unwrap(),
  settings: workflowSchema.shape.settings.unwrap(),
  pinData: workflowSchema.shape.pinData,
  meta: workflowSchema.shape.meta,
});
export type WorkflowContent = z.infer<typeof workflowContentSchema>;

export const summaryColumns = [
  'id',
  'name',
  'active',
  'settings',
  'version',
  'version_id',
  'project_id',
  'created_at',
  'updated_at',
  'deleted_at',
] as const;

export function toContentColumns(adapter: DialectAdapter, content: WorkflowContent) {
  return {
    name: content.name,
    nodes: adapter.json(content.nodes),
    connections: adapter.json(content.connections),
    settings: adapter.json(content.settings),
    pin_data: adapter.jsonOrNull(content.pinData),
    meta: adapter.jsonOrNull(content.meta),
  };
}

/** Rows are parsed like any other input: a corrupt row is reported, never passed on. */
export function parseStored<S extends z.ZodType>(schema: S, value: unknown, what: string): z.output<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  throw new GuixuError('STORED_DATA_INVALID', `Stored ${what} does not match its schema`, {
    audience: 'bug',
    details: { issues: result.error.issues.slice(0, 5).map((i) => `${i.path.join('.')}: ${i.message}`) },
  });
}

export function fromRow(
  adapter: DialectAdapter,
  row: Selectable<WorkflowsTable>,
  tags: TagRef[],
): WorkflowRecord {
  const content = parseStored(
    workflowContentSchema,
    {
      name: row.name,
      nodes: adapter.readJson(row.nodes),
      connections: adapter.readJson(row.connections),
      settings: adapter.readJson(row.settings),
      pinData: adapter.readJson(row.pin_data) ?? undefined,
      meta: adapter.readJson(row.meta) ?? undefined,
    },
    `workflow ${row.id}`,
  );
  return {
    id: row.id,
    name: content.name,
    active: adapter.readBool(row.active),
    nodes: content.nodes,
    connections: content.connections,
    settings: content.settings,
    pinData: content.pinData ?? null,
    meta: content.meta ?? null,
    tags,
    version: row.version,
    versionId: row.version_id,
    projectId: row.project_id,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    deletedAt: row.deleted_at,
  };
}

export function contentOf(record: WorkflowRecord): WorkflowContent {
  return {
    name: record.name,
    nodes: record.nodes,
    connections: record.connections,
    settings: record.settings,
    pinData: record.pinData ?? undefined,
    meta: record.meta ?? undefined,
  };
}

import type { WorkflowDocument } from '@guixu/api';
import type { Selectable } from 'kysely';
import { z } from 'zod';
import type { Database } from '../../db/dialect.ts';
import type { WorkflowVersionsTable } from '../../db/tables.ts';
import { decodeCursor, encodeCursor } from '../../http/cursor.ts';
import { parseStored, workflowContentSchema } from './rows.ts';

const storedDocumentSchema = workflowContentSchema.extend({ tags: z.array(z.string()).optional() });

export interface VersionSummary {
  id: string;
  workflowId: string;
  version: number;
  name: string;
  author: string;
  message: string | null;
  createdAt: string;
}

export interface StoredVersion extends VersionSummary {
  workflow: WorkflowDocument;
}

const summaryColumns = ['id', 'workflow_id', 'version', 'name', 'author', 'message', 'created_at'] as const;

function summary(
  row: Pick<Selectable<WorkflowVersionsTable>, (typeof summaryColumns)[number]>,
): VersionSummary {
  return {
    id: row.id,
    workflowId: row.workflow_id,
    version: row.version,
    name: row.name,
    author: row.author,
    message: row.message,
    createdAt: row.created_at,
  };
}

export class VersionRepository {
  constructor(private readonly database: Database) {}

  /** Newest first. */
  async list(
    workflowId: string,
    page: { limit: number; cursor?: string | undefined },
  ): Promise<{ data: VersionSummary[]; nextCursor: string | null }> {
    let q = this.database.db
      .selectFrom('workflow_versions')
      .select(summaryColumns)
      .where('workflow_id', '=', workflowId);
    if (page.cursor) {
      const cursor = decodeCursor(page.cursor, 'version:desc');
      q = q.where('version', '<', Number(cursor.v));
    }
    const rows = await q
      .orderBy('version', 'desc')
      .limit(page.limit + 1)
      .execute();
    const data = rows.slice(0, page.limit).map(summary);
    const last = data.at(-1);
    return {
      data,
      nextCursor:
        rows.length > page.limit && last
          ? encodeCursor({ s: 'version:desc', v: last.version, id: last.id })
          : null,
    };
  }

  async get(workflowId: string, version: number): Promise<StoredVersion | undefined> {
    const row = await this.database.db
      .selectFrom('workflow_versions')
      .selectAll()
      .where('workflow_id', '=', workflowId)
      .where('version', '=', version)
      .executeTakeFirst();
    if (!row) return undefined;
    const document = parseStored(
      storedDocumentSchema,
      this.database.adapter.readJson(row.document),
      `version ${version} of workflow ${workflowId}`,
    );
    return {
      ...summary(row),
      workflow: {
        id: workflowId,
        name: document.name,
        nodes: document.nodes,
        connections: document.connections,
        settings: document.settings,
        pinData: document.pinData,
        ...(document.meta === undefined ? {} : { meta: document.meta }),
        tags: document.tags ?? [],
      },
    };
  }
}

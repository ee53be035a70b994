import type { ListWorkflowsQuery, WorkflowRecord, WorkflowSort, WorkflowSummary } from '@guixu/api';
import { workflowSettingsSchema } from '@guixu/core';
import { type Kysely, type RawBuilder, type Selectable, type SqlBool, sql } from 'kysely';
import type { Database } from '../../db/dialect.ts';
import type { Tables, WorkflowsTable } from '../../db/tables.ts';
import { decodeCursor, encodeCursor } from '../../http/cursor.ts';
import type { Actor } from '../../security/policy.ts';
import { scopeToActor } from '../../security/scope.ts';
import type { TagRef, TagRepository } from '../tags/repository.ts';
import { fromRow, parseStored, summaryColumns, toContentColumns, type WorkflowContent } from './rows.ts';

type Db = Kysely<Tables>;

export interface NewVersion {
  id: string;
  version: number;
  author: string;
  message: string | null;
  createdAt: string;
}

export interface NewWorkflow {
  id: string;
  projectId: string | null;
  content: WorkflowContent;
  version: NewVersion;
  tagNames: string[];
}

export class WorkflowRepository {
  constructor(
    private readonly database: Database,
    private readonly tags: TagRepository,
  ) {}

  transaction<T>(fn: (db: Db) => Promise<T>): Promise<T> {
    return this.database.db.transaction().execute(fn);
  }

  /** `scope` (from `actorScope`) hides rows of projects the caller cannot see. */
  async find(
    id: string,
    db: Db = this.database.db,
    scope: RawBuilder<SqlBool> | null = null,
  ): Promise<WorkflowRecord | undefined> {
    let query = db.selectFrom('workflows').selectAll().where('id', '=', id);
    if (scope !== null) query = query.where(scope);
    const row = await query.executeTakeFirst();
    if (!row) return undefined;
    const tags = await this.tags.forWorkflows(db, [id]);
    return fromRow(this.database.adapter, row, tags.get(id) ?? []);
  }

  async insert(db: Db, workflow: NewWorkflow): Promise<void> {
    const { id, projectId, content, version, tagNames } = workflow;
    const { adapter } = this.database;
    await db
      .insertInto('workflows')
      .values({
        id,
        project_id: projectId,
        active: adapter.bool(false),
        static_data: null,
        ...toContentColumns(adapter, content),
        version: version.version,
        version_id: version.id,
        created_at: version.createdAt,
        updated_at: version.createdAt,
        deleted_at: null,
      })
      .execute();
    await this.insertVersion(db, id, content, version, tagNames);
    const tags = await this.tags.ensure(db, tagNames);
    await this.tags.setWorkflowTags(
      db,
      id,
      tags.map((t) => t.id),
    );
  }

  /**
   * Saves new content as the next version. Returns false when the stored
   * version is no longer `expectedVersion` (someone else saved in between).
   */
  async saveVersion(
    db: Db,
    id: string,
    content: WorkflowContent,
    version: NewVersion,
    tagNames: string[] | undefined,
  ): Promise<boolean> {
    const result = await db
      .updateTable('workflows')
      .set({
        ...toContentColumns(this.database.adapter, content),
        version: version.version,
        version_id: version.id,
        updated_at: version.createdAt,
      })
      .where('id', '=', id)
      .where('version', '=', version.version - 1)
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) === 0) return false;
    let names = tagNames;
    if (names !== undefined) {
      const tags = await this.tags.ensure(db, names);
      await this.tags.setWorkflowTags(
        db,
        id,
        tags.map((t) => t.id),
      );
    } else {
      names = ((await this.tags.forWorkflows(db, [id])).get(id) ?? []).map((t) => t.name);
    }
    await this.insertVersion(db, id, content, version, names);
    return true;
  }

  private async insertVersion(
    db: Db,
    workflowId: string,
    content: WorkflowContent,
    version: NewVersion,
    tagNames: string[],
  ): Promise<void> {
    await db
      .insertInto('workflow_versions')
      .values({
        id: version.id,
        workflow_id: workflowId,
        version: version.version,
        name: content.name,
        document: this.database.adapter.json({ ...content, tags: tagNames }),
        author: version.author,
        message: version.message,
        created_at: version.createdAt,
      })
      .execute();
  }

  async setActive(id: string, active: boolean): Promise<void> {
    await this.database.db
      .updateTable('workflows')
      .set({ active: this.database.adapter.bool(active), updated_at: new Date().toISOString() })
      .where('id', '=', id)
      .execute();
  }

  async setDeleted(id: string, deletedAt: string | null): Promise<void> {
    const { adapter } = this.database;
    await this.database.db
      .updateTable('workflows')
      .set(deletedAt === null ? { deleted_at: null } : { deleted_at: deletedAt, active: adapter.bool(false) })
      .where('id', '=', id)
      .execute();
  }

  async deletePermanently(id: string): Promise<void> {
    await this.database.db.deleteFrom('workflows').where('id', '=', id).execute();
  }

  /** Ids and versions of active, not deleted workflows (re-activated at start). */
  async activeIds(): Promise<string[]> {
    const rows = await this.database.db
      .selectFrom('workflows')
      .select('id')
      .where('active', '=', this.database.adapter.bool(true))
      .where('deleted_at', 'is', null)
      .orderBy('id')
      .execute();
    return rows.map((r) => r.id);
  }

  /** With an actor: only the workflows it may see (its projects' and those shared into them). */
  async list(
    query: ListWorkflowsQuery,
    actor?: Actor,
  ): Promise<{ data: WorkflowSummary[]; nextCursor: string | null }> {
    const { db, adapter } = this.database;
    const { field, direction } = SORTS[query.sort];
    const sortExpr: RawBuilder<string> =
      field === 'name' ? sql<string>`lower(workflows.name)` : sql.ref<string>(`workflows.${columnOf[field]}`);
    let q = db
      .selectFrom('workflows')
      .select(summaryColumns)
      .select((eb) => adapter.jsonArrayLength(eb.ref('workflows.nodes')).as('node_count'))
      .select(sortExpr.as('sort_key'))
      .where('deleted_at', query.deleted ? 'is not' : 'is', null);
    if (actor !== undefined) q = scopeToActor(q, actor, 'workflows');
    if (query.projectId) q = q.where('workflows.project_id', '=', query.projectId);
    if (query.name) q = q.where(adapter.contains(sql.ref('workflows.name'), query.name));
    if (query.active !== undefined) q = q.where('active', '=', adapter.bool(query.active));
    const tag = query.tag;
    if (tag) {
      q = q.where((eb) =>
        eb.exists(
          eb
            .selectFrom('workflow_tags')
            .innerJoin('tags', 'tags.id', 'workflow_tags.tag_id')
            .select(sql.lit(1).as('one'))
            .whereRef('workflow_tags.workflow_id', '=', 'workflows.id')
            .where((w) => w.or([w('tags.name', '=', tag), w('tags.id', '=', tag)])),
        ),
      );
    }
    if (query.cursor) {
      const cursor = decodeCursor(query.cursor, query.sort);
      const op = direction === 'asc' ? '>' : '<';
      q = q.where((eb) =>
        eb.or([
          eb(sortExpr, op, String(cursor.v)),
          eb.and([eb(sortExpr, '=', String(cursor.v)), eb('workflows.id', op, cursor.id)]),
        ]),
      );
    }
    const rows = await q
      .orderBy(sortExpr, direction)
      .orderBy('workflows.id', direction)
      .limit(query.limit + 1)
      .execute();
    const page = rows.slice(0, query.limit);
    const tags = await this.tags.forWorkflows(
      db,
      page.map((r) => r.id),
    );
    const last = page.at(-1);
    return {
      data: page.map((row) => summaryFromRow(this.database, row, tags.get(row.id) ?? [])),
      nextCursor:
        rows.length > query.limit && last
          ? encodeCursor({ s: query.sort, v: String(last.sort_key), id: last.id })
          : null,
    };
  }
}

const columnOf = { updatedAt: 'updated_at', createdAt: 'created_at' } as const;

const SORTS: Record<WorkflowSort, { field: 'name' | keyof typeof columnOf; direction: 'asc' | 'desc' }> = {
  'name:asc': { field: 'name', direction: 'asc' },
  'name:desc': { field: 'name', direction: 'desc' },
  'updatedAt:asc': { field: 'updatedAt', direction: 'asc' },
  'updatedAt:desc': { field: 'updatedAt', direction: 'desc' },
  'createdAt:asc': { field: 'createdAt', direction: 'asc' },
  'createdAt:desc': { field: 'createdAt', direction: 'desc' },
};

type SummaryRow = Pick<Selectable<WorkflowsTable>, (typeof summaryColumns)[number]> & { node_count: number };

function summaryFromRow(database: Database, row: SummaryRow, tags: TagRef[]): WorkflowSummary {
  const { adapter } = database;
  const settings = parseStored(workflowSettingsSchema, adapter.readJson(row.settings), `workflow ${row.id}`);
  return {
    id: row.id,
    name: row.name,
    active: adapter.readBool(row.active),
    settings,
    tags,
    version: row.version,
    versionId: row.version_id,
    projectId: row.project_id,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    deletedAt: row.deleted_at,
    nodeCount: Number(row.node_count),
  };
}

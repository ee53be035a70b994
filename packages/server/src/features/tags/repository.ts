import type { Tag } from '@guixu/api';
import { GuixuError } from '@guixu/core';
import { type Kysely, sql } from 'kysely';
import type { Database } from '../../db/dialect.ts';
import type { Tables } from '../../db/tables.ts';
import { notFound } from '../../http/http-errors.ts';
import { newId, nowIso } from '../../ids.ts';

type Db = Kysely<Tables>;

export interface TagRef {
  id: string;
  name: string;
}

function tagExists(name: string): GuixuError {
  return new GuixuError('TAG_EXISTS', `A tag named "${name}" already exists`, { details: { name } });
}

export class TagRepository {
  constructor(private readonly database: Database) {}

  async list(): Promise<Tag[]> {
    const rows = await this.database.db
      .selectFrom('tags')
      .leftJoin('workflow_tags', 'workflow_tags.tag_id', 'tags.id')
      .leftJoin('workflows', (join) =>
        join.onRef('workflows.id', '=', 'workflow_tags.workflow_id').on('workflows.deleted_at', 'is', null),
      )
      .select(['tags.id', 'tags.name', 'tags.created_at', 'tags.updated_at'])
      .select((eb) => eb.fn.count<number>('workflows.id').as('usage'))
      .groupBy(['tags.id', 'tags.name', 'tags.created_at', 'tags.updated_at'])
      .orderBy(sql`lower(tags.name)`)
      .orderBy('tags.id')
      .execute();
    return rows.map((r) => ({
      id: r.id,
      name: r.name,
      usageCount: Number(r.usage),
      createdAt: r.created_at,
      updatedAt: r.updated_at,
    }));
  }

  async get(id: string): Promise<Tag> {
    const found = (await this.list()).find((t) => t.id === id);
    if (!found) throw notFound('tag', id);
    return found;
  }

  async create(name: string): Promise<Tag> {
    const now = nowIso();
    const id = newId();
    try {
      await this.database.db
        .insertInto('tags')
        .values({ id, name, project_id: null, created_at: now, updated_at: now })
        .execute();
    } catch (error) {
      if (this.database.adapter.isUniqueViolation(error)) throw tagExists(name);
      throw error;
    }
    return { id, name, usageCount: 0, createdAt: now, updatedAt: now };
  }

  async rename(id: string, name: string): Promise<Tag> {
    try {
      const result = await this.database.db
        .updateTable('tags')
        .set({ name, updated_at: nowIso() })
        .where('id', '=', id)
        .executeTakeFirst();
      if (Number(result.numUpdatedRows) === 0) throw notFound('tag', id);
    } catch (error) {
      if (this.database.adapter.isUniqueViolation(error)) throw tagExists(name);
      throw error;
    }
    return this.get(id);
  }

  async delete(id: string): Promise<void> {
    const result = await this.database.db.deleteFrom('tags').where('id', '=', id).executeTakeFirst();
    if (Number(result.numDeletedRows) === 0) throw notFound('tag', id);
  }

  /** Ids for tag names, creating the missing tags (inside the caller's transaction). */
  async ensure(db: Db, names: readonly string[]): Promise<TagRef[]> {
    const unique = [...new Set(names)];
    if (unique.length === 0) return [];
    const now = nowIso();
    await db
      .insertInto('tags')
      .values(
        unique.map((name) => ({ id: newId(), name, project_id: null, created_at: now, updated_at: now })),
      )
      .onConflict((oc) => oc.column('name').doNothing())
      .execute();
    const rows = await db.selectFrom('tags').select(['id', 'name']).where('name', 'in', unique).execute();
    const byName = new Map(rows.map((r) => [r.name, r]));
    return unique.flatMap((name) => {
      const row = byName.get(name);
      return row ? [{ id: row.id, name: row.name }] : [];
    });
  }

  /** Replaces the tags of a workflow. */
  async setWorkflowTags(db: Db, workflowId: string, tagIds: readonly string[]): Promise<void> {
    await db.deleteFrom('workflow_tags').where('workflow_id', '=', workflowId).execute();
    if (tagIds.length === 0) return;
    await db
      .insertInto('workflow_tags')
      .values(tagIds.map((tag_id) => ({ workflow_id: workflowId, tag_id })))
      .execute();
  }

  /** Tags of many workflows at once, in tag-name order. */
  async forWorkflows(db: Db, workflowIds: readonly string[]): Promise<Map<string, TagRef[]>> {
    const out = new Map<string, TagRef[]>();
    if (workflowIds.length === 0) return out;
    const rows = await db
      .selectFrom('workflow_tags')
      .innerJoin('tags', 'tags.id', 'workflow_tags.tag_id')
      .select(['workflow_tags.workflow_id', 'tags.id', 'tags.name'])
      .where('workflow_tags.workflow_id', 'in', [...workflowIds])
      .orderBy('tags.name')
      .execute();
    for (const row of rows) {
      const list = out.get(row.workflow_id) ?? [];
      list.push({ id: row.id, name: row.name });
      out.set(row.workflow_id, list);
    }
    return out;
  }
}

import type { Project } from '@guixu/api';
import { GuixuError } from '@guixu/core';
import { sql } from 'kysely';
import { notFound, registerErrorStatus } from '../../http/http-errors.ts';
import { newId, nowIso } from '../../ids.ts';
import { isProjectRole } from '../../security/actor.ts';
import {
  type Actor,
  decide,
  isInstanceAdmin,
  type ProjectRole,
  type ShareAccess,
} from '../../security/policy.ts';
import { RESOURCE_TABLES } from '../../security/resources.ts';
import type { SecurityDb } from '../../security/tables.ts';

registerErrorStatus('PROJECT_NOT_EMPTY', 409);
registerErrorStatus('PROJECT_PERSONAL', 400);

export type ShareableType = 'workflow' | 'credential';

/** Projects, memberships, sharing and moving (`ctx.services.get('projects')`). */
export class ProjectService {
  constructor(private readonly db: SecurityDb) {}

  private toProject(
    row: { id: string; name: string; kind: string; created_at: string; updated_at: string },
    actor: Actor,
  ): Project {
    return {
      id: row.id,
      name: row.name,
      kind: row.kind === 'personal' ? 'personal' : 'team',
      role: actor.projects.get(row.id) ?? null,
      createdAt: row.created_at,
      updatedAt: row.updated_at,
    };
  }

  async list(actor: Actor): Promise<Project[]> {
    let query = this.db
      .selectFrom('projects')
      .selectAll()
      .orderBy('kind', 'desc')
      .orderBy('name')
      .orderBy('id');
    if (!isInstanceAdmin(actor)) {
      const ids = [...actor.projects.keys()];
      if (ids.length === 0) return [];
      query = query.where('id', 'in', ids);
    }
    return (await query.execute()).map((r) => this.toProject(r, actor));
  }

  async get(id: string, actor: Actor): Promise<Project> {
    const row = await this.db.selectFrom('projects').selectAll().where('id', '=', id).executeTakeFirst();
    if (row === undefined) throw notFound('project', id);
    return this.toProject(row, actor);
  }

  async create(name: string, actor: Actor): Promise<Project> {
    const now = nowIso();
    const id = newId();
    await this.db.transaction().execute(async (trx) => {
      await trx
        .insertInto('projects')
        .values({ id, name, kind: 'team', owner_id: null, created_at: now, updated_at: now })
        .execute();
      await trx
        .insertInto('project_members')
        .values({ project_id: id, user_id: actor.userId, role: 'admin', created_at: now })
        .execute();
    });
    return {
      id,
      name,
      kind: 'team',
      role: 'admin',
      createdAt: now,
      updatedAt: now,
    };
  }

  async rename(id: string, name: string, actor: Actor): Promise<Project> {
    await this.teamProject(id);
    await this.db.updateTable('projects').set({ name, updated_at: nowIso() }).where('id', '=', id).execute();
    return this.get(id, actor);
  }

  /** Team projects only, and only when nothing lives in them any more. */
  async delete(id: string): Promise<void> {
    await this.teamProject(id);
    for (const table of Object.values(RESOURCE_TABLES)) {
      const found = await sql<{
        n: number;
      }>`select count(*) as n from ${sql.table(table)} where project_id = ${id}`.execute(this.db);
      if (Number(found.rows[0]?.n ?? 0) > 0) {
        throw new GuixuError(
          'PROJECT_NOT_EMPTY',
          `Project "${id}" still holds ${table}; move or delete them first`,
          {
            details: { id, table },
          },
        );
      }
    }
    await this.db.transaction().execute(async (trx) => {
      await deleteAiData(trx, id);
      await trx.deleteFrom('projects').where('id', '=', id).execute();
    });
  }

  /**
   * Before a user is deleted: their personal project's credentials and
   * variables go with it (foreign keys cascade); workflows must be moved first.
   */
  async deleteContents(id: string): Promise<void> {
    const found = await sql<{
      n: number;
    }>`select count(*) as n from workflows where project_id = ${id}`.execute(this.db);
    if (Number(found.rows[0]?.n ?? 0) > 0) {
      throw new GuixuError(
        'PROJECT_NOT_EMPTY',
        'The user still owns workflows; move them to another project first',
        {
          details: { id, table: 'workflows' },
        },
      );
    }
    await this.db.transaction().execute(async (trx) => {
      await deleteAiData(trx, id);
      await trx.deleteFrom('shared_resources').where('project_id', '=', id).execute();
    });
  }

  private async teamProject(id: string) {
    const row = await this.db.selectFrom('projects').selectAll().where('id', '=', id).executeTakeFirst();
    if (row === undefined) throw notFound('project', id);
    if (row.kind === 'personal') {
      throw new GuixuError(
        'PROJECT_PERSONAL',
        'Personal projects cannot be renamed, deleted or given members',
        {
          details: { id },
        },
      );
    }
    return row;
  }

  async members(id: string) {
    const rows = await this.db
      .selectFrom('project_members')
      .innerJoin('users', 'users.id', 'project_members.user_id')
      .select(['users.id', 'users.email', 'users.display_name', 'project_members.role'])
      .where('project_members.project_id', '=', id)
      .orderBy('users.email')
      .execute();
    return rows.flatMap((r) =>
      isProjectRole(r.role)
        ? [{ userId: r.id, email: r.email, displayName: r.display_name, role: r.role }]
        : [],
    );
  }

  async setMember(id: string, userId: string, role: ProjectRole) {
    await this.teamProject(id);
    const user = await this.db
      .selectFrom('users')
      .select(['id', 'email', 'display_name'])
      .where('id', '=', userId)
      .executeTakeFirst();
    if (user === undefined) throw notFound('user', userId);
    await this.db
      .insertInto('project_members')
      .values({ project_id: id, user_id: userId, role, created_at: nowIso() })
      .onConflict((oc) => oc.columns(['project_id', 'user_id']).doUpdateSet({ role }))
      .execute();
    return { userId, email: user.email, displayName: user.display_name, role };
  }

  async removeMember(id: string, userId: string): Promise<void> {
    await this.teamProject(id);
    const result = await this.db
      .deleteFrom('project_members')
      .where('project_id', '=', id)
      .where('user_id', '=', userId)
      .executeTakeFirst();
    if (Number(result.numDeletedRows) === 0) throw notFound('member', userId);
  }

  async listShares(type: ShareableType, resourceId: string) {
    const rows = await this.db
      .selectFrom('shared_resources')
      .selectAll()
      .where('resource_type', '=', type)
      .where('resource_id', '=', resourceId)
      .orderBy('created_at')
      .execute();
    return rows.map((r) => ({
      resourceType: type,
      resourceId,
      projectId: r.project_id,
      access: r.access === 'use' ? ('use' as const) : ('read' as const),
      createdAt: r.created_at,
    }));
  }

  async share(type: ShareableType, resourceId: string, projectId: string, access: ShareAccess, actor: Actor) {
    const project = await this.db
      .selectFrom('projects')
      .select('id')
      .where('id', '=', projectId)
      .executeTakeFirst();
    // A project the actor is not in answers like one that does not exist: no existence oracle.
    if (project === undefined || !decide(actor, 'read', { type: 'project', projectId }).visible) {
      throw notFound('project', projectId);
    }
    if (type === 'workflow' && access === 'use') {
      throw new GuixuError(
        'SHARE_ACCESS_INVALID',
        'Workflows are shared with "read" access; "use" is for credentials',
        {
          details: { field: 'access' },
        },
      );
    }
    const createdAt = nowIso();
    await this.db
      .insertInto('shared_resources')
      .values({
        resource_type: type,
        resource_id: resourceId,
        project_id: projectId,
        access,
        created_by: actor.userId,
        created_at: createdAt,
      })
      .onConflict((oc) => oc.columns(['resource_type', 'resource_id', 'project_id']).doUpdateSet({ access }))
      .execute();
    return { resourceType: type, resourceId, projectId, access, createdAt };
  }

  async unshare(type: ShareableType, resourceId: string, projectId: string): Promise<void> {
    const result = await this.db
      .deleteFrom('shared_resources')
      .where('resource_type', '=', type)
      .where('resource_id', '=', resourceId)
      .where('project_id', '=', projectId)
      .executeTakeFirst();
    if (Number(result.numDeletedRows) === 0) throw notFound('share', `${type}/${resourceId}/${projectId}`);
  }

  /** Moves a workflow (with its executions) or a credential; drops a share into the target, which is now its home. */
  async move(type: ShareableType, resourceId: string, toProject: string): Promise<string | null> {
    const table = RESOURCE_TABLES[type] ?? '';
    return this.db.transaction().execute(async (trx) => {
      const before = await sql<{
        project_id: string | null;
      }>`select project_id from ${sql.table(table)} where id = ${resourceId}`.execute(trx);
      await sql`update ${sql.table(table)} set project_id = ${toProject} where id = ${resourceId}`.execute(
        trx,
      );
      if (type === 'workflow') {
        await sql`update executions set project_id = ${toProject} where workflow_id = ${resourceId}`.execute(
          trx,
        );
      }
      await trx
        .deleteFrom('shared_resources')
        .where('resource_type', '=', type)
        .where('resource_id', '=', resourceId)
        .where('project_id', '=', toProject)
        .execute();
      return before.rows[0]?.project_id ?? null;
    });
  }
}

/**
 * A deleted project's AI data keyed by the project without a foreign key (chat
 * memory, the project's prices) goes with it; the budget cascades, deleted here
 * too for databases opened without foreign keys. Usage rows (`llm_usage`) stay:
 * they are the instance's record of what the providers billed (instance admins'
 * reports keep past months right); no member reaches them once the project is
 * gone, and project ids are never reused.
 */
async function deleteAiData(db: SecurityDb, projectId: string): Promise<void> {
  await sql`delete from ai_chat_messages where project_id = ${projectId}`.execute(db);
  await sql`delete from llm_prices where project_key = ${projectId}`.execute(db);
  await sql`delete from ai_budgets where project_id = ${projectId}`.execute(db);
}

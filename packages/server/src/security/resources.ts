import { sql } from 'kysely';
import { isShareAccess } from './share-access.ts';
import type { ProjectResource, ResourceRef } from './policy.ts';
import type { SecurityDb } from './tables.ts';

/** Table holding each project resource (all have `id` and `project_id`). */
export const RESOURCE_TABLES: Readonly<Partial<Record<ProjectResource, string>>> = {
  workflow: 'workflows',
  execution: 'executions',
  credential: 'credentials',
  variable: 'variables',
  tag: 'tags',
  knowledgeBase: 'knowledge_bases',
  promptTemplate: 'prompt_templates',
};

/** Resource types that can be shared into other projects. */
export const SHAREABLE: readonly ProjectResource[] = ['workflow', 'credential'];

/** Project and shares of one stored resource; null when it does not exist. */
export async function locateResource(
  db: SecurityDb,
  type: ProjectResource,
  id: string,
): Promise<ResourceRef | null> {
  if (type === 'project') {
    const project = await db.selectFrom('projects').select('id').where('id', '=', id).executeTakeFirst();
    return project === undefined ? null : { type, projectId: project.id };
  }
  const table = RESOURCE_TABLES[type];
  if (table === undefined) return null;
  const rows = await sql<{
    project_id: string | null;
  }>`select project_id from ${sql.table(table)} where id = ${id}`.execute(db);
  const row = rows.rows[0];
  if (row === undefined) return null;
  return { type, projectId: row.project_id, sharedWith: await sharesOf(db, type, id) };
}

export async function sharesOf(
  db: SecurityDb,
  type: ProjectResource,
  id: string,
): Promise<{ projectId: string; access: 'read' | 'use' }[]> {
  if (!SHAREABLE.includes(type)) return [];
  const shares = await db
    .selectFrom('shared_resources')
    .select(['project_id', 'access'])
    .where('resource_type', '=', type)
    .where('resource_id', '=', id)
    .execute();
  return shares.flatMap((s) =>
    isShareAccess(s.access) ? [{ projectId: s.project_id, access: s.access }] : [],
  );
}

import { type RawBuilder, type SelectQueryBuilder, type SqlBool, sql } from 'kysely';
import { type Actor, PROJECT_RESOURCES, type ProjectResource, visibleProjects } from './policy.ts';
import { RESOURCE_TABLES, SHAREABLE } from './resources.ts';

function resourceOf(table: string): ProjectResource | undefined {
  return PROJECT_RESOURCES.find((r) => RESOURCE_TABLES[r] === table);
}

/**
 * The condition "rows of `table` the actor may see": rows of its projects,
 * plus rows shared into them. Null for owners/admins, who see everything.
 * Use it in updates and deletes too, so a hidden row is never touched.
 */
export function actorScope(actor: Actor, table: string): RawBuilder<SqlBool> | null {
  const projects = visibleProjects(actor);
  if (projects === null) return null;
  if (projects.length === 0) return sql<SqlBool>`1 = 0`;
  const ids = sql.join(projects.map((p) => sql`${p}`));
  const own = sql<SqlBool>`${sql.ref(`${table}.project_id`)} in (${ids})`;
  const type = resourceOf(table);
  if (type === undefined || !SHAREABLE.includes(type)) return own;
  return sql<SqlBool>`(${own} or ${sql.ref(`${table}.id`)} in (select resource_id from shared_resources where resource_type = ${type} and project_id in (${ids})))`;
}

/** Restricts a list query to what the actor may see (hidden rows are simply absent: 404, never 403). */
export function scopeToActor<DB, TB extends keyof DB, O>(
  query: SelectQueryBuilder<DB, TB, O>,
  actor: Actor,
  table: string,
): SelectQueryBuilder<DB, TB, O> {
  const condition = actorScope(actor, table);
  return condition === null ? query : query.where(condition);
}

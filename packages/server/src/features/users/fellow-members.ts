import type { FastifyRequest } from 'fastify';
import { type Actor, type ResourceRef, visibleProjects } from '../../security/policy.ts';
import { fromParams } from '../../security/request-fields.ts';
import type { SecurityDb } from '../../security/tables.ts';

/**
 * Members see the users they work with: those who share one of their
 * projects (themselves included). Owners and admins see everyone (null).
 */
export async function fellowMemberIds(db: SecurityDb, actor: Actor): Promise<Set<string> | null> {
  const projects = visibleProjects(actor);
  if (projects === null) return null;
  if (projects.length === 0) return new Set([actor.userId]);
  const rows = await db
    .selectFrom('project_members')
    .select('user_id')
    .distinct()
    .where('project_id', 'in', projects)
    .execute();
  return new Set([actor.userId, ...rows.map((r) => r.user_id)]);
}

/** For a rule on `/users/:id`: whose record it is, and whether the actor works with them. */
export function userRecord(db: SecurityDb) {
  return async (request: FastifyRequest, actor: Actor): Promise<ResourceRef> => {
    const id = fromParams('id')(request) ?? '';
    const fellows = await fellowMemberIds(db, actor);
    return { type: 'user', ownerUserId: id, fellowMember: fellows === null || fellows.has(id) };
  };
}

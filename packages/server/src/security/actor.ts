import type { Actor, InstanceRole, ProjectRole, Scope } from './policy.ts';
import { INSTANCE_ROLES, PROJECT_ROLES } from './policy.ts';
import type { SecurityDb } from './tables.ts';

declare module 'fastify' {
  interface FastifyRequest {
    /** Set by `requireAccess` / `authenticate`: who is calling. */
    actor?: Actor;
  }
}

export function isInstanceRole(value: unknown): value is InstanceRole {
  return typeof value === 'string' && (INSTANCE_ROLES as readonly string[]).includes(value);
}

export function isProjectRole(value: unknown): value is ProjectRole {
  return typeof value === 'string' && (PROJECT_ROLES as readonly string[]).includes(value);
}

export interface ActorExtras {
  kind?: Actor['kind'];
  scopes?: ReadonlySet<Scope>;
  sessionId?: string;
  apiKeyId?: string;
}

/** Builds the actor of an enabled user; undefined when the user is gone or disabled. */
export async function loadActor(
  db: SecurityDb,
  userId: string,
  extras: ActorExtras = {},
): Promise<Actor | undefined> {
  const user = await db
    .selectFrom('users')
    .select(['id', 'email', 'role', 'disabled'])
    .where('id', '=', userId)
    .executeTakeFirst();
  if (user === undefined || user.disabled === 1 || user.disabled === true || !isInstanceRole(user.role)) {
    return undefined;
  }
  const memberships = await db
    .selectFrom('project_members')
    .innerJoin('projects', 'projects.id', 'project_members.project_id')
    .select(['project_members.project_id', 'project_members.role', 'projects.owner_id'])
    .where('project_members.user_id', '=', userId)
    .execute();
  const projects = new Map<string, ProjectRole>();
  let personalProjectId: string | null = null;
  for (const m of memberships) {
    if (isProjectRole(m.role)) projects.set(m.project_id, m.role);
    if (m.owner_id === userId) personalProjectId = m.project_id;
  }
  return {
    kind: extras.kind ?? 'user',
    userId: user.id,
    email: user.email,
    role: user.role,
    projects,
    personalProjectId,
    ...(extras.scopes ? { scopes: extras.scopes } : {}),
    ...(extras.sessionId ? { sessionId: extras.sessionId } : {}),
    ...(extras.apiKeyId ? { apiKeyId: extras.apiKeyId } : {}),
  };
}

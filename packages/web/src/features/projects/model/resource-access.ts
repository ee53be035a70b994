/**
 * What the console offers on a workflow or credential, from the caller's roles.
 * The server decides every call anyway; these only keep buttons that would
 * answer "forbidden" out of the way. Owners and instance admins act as project
 * admin everywhere.
 */
type Role = 'admin' | 'editor' | 'viewer' | null;
export interface Caller {
  user: { role: 'owner' | 'admin' | 'member' };
  projects: readonly { id: string; role: Role }[];
}

const instanceAdmin = (me: Caller) => me.user.role === 'owner' || me.user.role === 'admin';
const roleIn = (me: Caller, projectId: string | null): Role =>
  projectId === null ? null : (me.projects.find((p) => p.id === projectId)?.role ?? null);

/** Sharing and moving need the project admin role where the resource lives. */
export function canManage(me: Caller | null, projectId: string | null): boolean {
  if (!me) return false;
  return instanceAdmin(me) || roleIn(me, projectId) === 'admin';
}

/** Projects the caller may move a resource into: `create` there (project admin or editor), not where it is now. */
export function moveTargets<P extends { id: string; role: Role }>(
  me: Caller | null,
  projects: readonly P[],
  from: string | null,
): P[] {
  if (!me) return [];
  const creates = (role: Role) => role === 'admin' || role === 'editor';
  return projects.filter(
    (p) => p.id !== from && (instanceAdmin(me) || creates(p.role) || creates(roleIn(me, p.id))),
  );
}

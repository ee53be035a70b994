type Role = 'owner' | 'admin' | 'member';

/**
 * Whether the signed-in user may change another user's role, disable or
 * remove them: owners manage everyone but themselves; admins manage members
 * only; nobody manages the owner. The server enforces the same rules.
 */
export function canManageUser(
  me: { id: string; role: Role } | undefined,
  user: { id: string; role: Role },
): boolean {
  if (!me || me.id === user.id || user.role === 'owner') return false;
  if (me.role === 'owner') return true;
  return me.role === 'admin' && user.role === 'member';
}

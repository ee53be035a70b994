import { describe, expect, it } from 'vitest';
import { canManageUser } from './user-permissions.ts';

const owner = { id: 'o', role: 'owner' as const };
const admin = { id: 'a', role: 'admin' as const };
const otherAdmin = { id: 'a2', role: 'admin' as const };
const member = { id: 'm', role: 'member' as const };

describe('who manages whom on the users page', () => {
  it('lets the owner manage admins and members, never themselves', () => {
    expect(canManageUser(owner, admin)).toBe(true);
    expect(canManageUser(owner, member)).toBe(true);
    expect(canManageUser(owner, owner)).toBe(false);
  });

  it('lets admins manage members only', () => {
    expect(canManageUser(admin, member)).toBe(true);
    expect(canManageUser(admin, otherAdmin)).toBe(false);
    expect(canManageUser(admin, owner)).toBe(false);
    expect(canManageUser(admin, admin)).toBe(false);
  });

  it('lets members manage nobody', () => {
    expect(canManageUser(member, { id: 'm2', role: 'member' })).toBe(false);
    expect(canManageUser(undefined, member)).toBe(false);
  });
});

import { describe, expect, it } from 'vitest';
import { type Caller, canManage, moveTargets } from './resource-access.ts';

const projects = [
  { id: 'mine', role: 'admin' as const },
  { id: 'team', role: 'editor' as const },
  { id: 'seen', role: 'viewer' as const },
  { id: 'other', role: null },
];
const member: Caller = { user: { role: 'member' }, projects };
const owner: Caller = { user: { role: 'owner' }, projects: [] };

describe('what the console offers on a workflow or credential', () => {
  it('lets project admins and instance owners/admins share and move, nobody else', () => {
    expect(canManage(member, 'mine')).toBe(true);
    expect(canManage(member, 'team')).toBe(false);
    expect(canManage(member, 'seen')).toBe(false);
    expect(canManage(member, null)).toBe(false);
    expect(canManage(owner, 'other')).toBe(true);
    expect(canManage({ user: { role: 'admin' }, projects: [] }, 'other')).toBe(true);
    expect(canManage(null, 'mine')).toBe(false);
  });

  it('moves only into projects where the caller may create, never where it already is', () => {
    expect(moveTargets(member, projects, 'mine').map((p) => p.id)).toEqual(['team']);
    expect(moveTargets(member, projects, 'team').map((p) => p.id)).toEqual(['mine']);
    expect(moveTargets(owner, projects, 'mine').map((p) => p.id)).toEqual(['team', 'seen', 'other']);
    expect(moveTargets(null, projects, 'mine')).toEqual([]);
  });
});

import { describe, expect, it } from 'vitest';
import {
  type Action,
  type Actor,
  can,
  decide,
  type InstanceRole,
  PROJECT_RESOURCES,
  PROJECT_ROLE_MATRIX,
  type ProjectRole,
  type ResourceRef,
  type Scope,
  visibleProjects,
} from './policy.ts';

function actor(role: InstanceRole, projects: Record<string, ProjectRole> = {}, scopes?: Scope[]): Actor {
  return {
    kind: scopes ? 'apiKey' : 'user',
    userId: `u-${role}`,
    email: `${role}@example.com`,
    role,
    projects: new Map(Object.entries(projects)),
    personalProjectId: null,
    ...(scopes ? { scopes: new Set(scopes) } : {}),
  };
}

const inA = (type: ResourceRef['type']): ResourceRef => ({ type, projectId: 'A' });

// Expected cells, written out by hand so a change to the matrix must change this table too.
const workflowCells: [ProjectRole | 'outsider', Action, boolean, boolean][] = [
  ['admin', 'read', true, true],
  ['admin', 'share', true, true],
  ['admin', 'move', true, true],
  ['editor', 'update', true, true],
  ['editor', 'activate', true, true],
  ['editor', 'share', false, true],
  ['editor', 'move', false, true],
  ['viewer', 'read', true, true],
  ['viewer', 'update', false, true],
  ['viewer', 'execute', false, true],
  ['viewer', 'delete', false, true],
  ['outsider', 'read', false, false],
  ['outsider', 'update', false, false],
];

describe('policy', () => {
  it.each(workflowCells)(
    '%s may %s a workflow of its project: %s (visible %s)',
    (role, action, allowed, visible) => {
      const who = actor('member', role === 'outsider' ? { B: 'admin' } : { A: role });
      expect(decide(who, action, inA('workflow'))).toEqual({ allowed, visible });
    },
  );

  it('gives owners and admins every project action, members none outside their projects', () => {
    for (const type of PROJECT_RESOURCES) {
      for (const action of PROJECT_ROLE_MATRIX.admin[type]) {
        expect(can(actor('owner'), action, inA(type))).toBe(true);
        expect(can(actor('admin'), action, inA(type))).toBe(true);
        expect(decide(actor('member'), action, inA(type))).toEqual({ allowed: false, visible: false });
      }
    }
  });

  it('viewers never write, editors never manage members', () => {
    for (const type of PROJECT_RESOURCES) {
      for (const action of ['create', 'update', 'delete', 'execute', 'share'] as const) {
        expect(can(actor('member', { A: 'viewer' }), action, inA(type))).toBe(false);
      }
    }
    expect(can(actor('member', { A: 'editor' }), 'manageMembers', inA('project'))).toBe(false);
    expect(can(actor('member', { A: 'admin' }), 'manageMembers', inA('project'))).toBe(true);
  });

  it('shares grant read, and use for credentials, to the members of the target project', () => {
    const member = actor('member', { B: 'viewer' });
    const shared: ResourceRef = {
      type: 'credential',
      projectId: 'A',
      sharedWith: [{ projectId: 'B', access: 'use' }],
    };
    expect(decide(member, 'use', shared)).toEqual({ allowed: true, visible: true });
    expect(decide(member, 'update', shared)).toEqual({ allowed: false, visible: true });
    const readOnly: ResourceRef = {
      type: 'workflow',
      projectId: 'A',
      sharedWith: [{ projectId: 'B', access: 'read' }],
    };
    expect(can(member, 'read', readOnly)).toBe(true);
    expect(can(member, 'execute', readOnly)).toBe(false);
    expect(can(actor('member', { C: 'admin' }), 'read', readOnly)).toBe(false);
  });

  it('rows without a project are for instance admins only', () => {
    expect(can(actor('admin'), 'read', { type: 'workflow', projectId: null })).toBe(true);
    expect(
      decide(actor('member', { A: 'admin' }), 'read', { type: 'workflow', projectId: null }).visible,
    ).toBe(false);
  });

  it('instance resources follow the instance role; everyone manages their own keys and record', () => {
    const member = actor('member');
    expect(can(member, 'read', { type: 'audit' })).toBe(false);
    expect(can(actor('admin'), 'read', { type: 'audit' })).toBe(true);
    expect(can(actor('admin'), 'update', { type: 'sso' })).toBe(false);
    expect(can(actor('owner'), 'update', { type: 'sso' })).toBe(true);
    expect(can(member, 'create', { type: 'user' })).toBe(false);
    expect(can(member, 'update', { type: 'user', ownerUserId: member.userId })).toBe(true);
    expect(can(member, 'delete', { type: 'user', ownerUserId: member.userId })).toBe(false);
    expect(can(member, 'create', { type: 'apiKey', ownerUserId: member.userId })).toBe(true);
    expect(decide(member, 'delete', { type: 'apiKey', ownerUserId: 'someone-else' })).toEqual({
      allowed: false,
      visible: false,
    });
  });

  it('API-key scopes narrow the user: read scope reads, write scope is needed for the rest', () => {
    const key = actor('member', { A: 'admin' }, ['workflow:read']);
    expect(can(key, 'read', inA('workflow'))).toBe(true);
    expect(decide(key, 'update', inA('workflow'))).toEqual({ allowed: false, visible: true });
    expect(can(key, 'read', inA('credential'))).toBe(false);
    const writer = actor('member', { A: 'viewer' }, ['workflow:read', 'workflow:write']);
    // Scopes never add to the role: a viewer's key with write scope still cannot write.
    expect(can(writer, 'update', inA('workflow'))).toBe(false);
  });

  it('lists visible projects: all for admins, memberships for members', () => {
    expect(visibleProjects(actor('owner'))).toBeNull();
    expect(visibleProjects(actor('member', { A: 'viewer', P: 'admin' }))?.sort()).toEqual(['A', 'P']);
  });
});

describe('docs/security.md', () => {
  it('shows the permission matrix exactly as policy.ts defines it', async () => {
    const { readFileSync } = await import('node:fs');
    const { renderPolicyMarkdown } = await import('./policy-doc.ts');
    const doc = readFileSync(new URL('../../../../docs/security.md', import.meta.url), 'utf8');
    // Regenerate with: npx tsx -e "import('./packages/server/src/security/policy-doc.ts').then(m => console.log(m.renderPolicyMarkdown()))"
    expect(doc).toContain(renderPolicyMarkdown());
  });
});

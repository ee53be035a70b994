/**
 * The permission matrix, as data: who may do what to which resource. Every
 * route asks `can` (through `requireAccess`); docs/security.md renders the
 * same tables. Change a cell here and nowhere else.
 */

export const INSTANCE_ROLES = ['owner', 'admin', 'member'] as const;
export type InstanceRole = (typeof INSTANCE_ROLES)[number];

export const PROJECT_ROLES = ['admin', 'editor', 'viewer'] as const;
export type ProjectRole = (typeof PROJECT_ROLES)[number];

/** Resources that live in a project. */
export const PROJECT_RESOURCES = [
  'workflow',
  'execution',
  'credential',
  'variable',
  'tag',
  'knowledgeBase',
  'promptTemplate',
  'project',
] as const;
/** Resources of the instance itself. */
export const INSTANCE_RESOURCES = [
  'user',
  'apiKey',
  'session',
  'audit',
  'sso',
  'settings',
  'nodeType',
] as const;
export type ProjectResource = (typeof PROJECT_RESOURCES)[number];
export type InstanceResource = (typeof INSTANCE_RESOURCES)[number];
export type Resource = ProjectResource | InstanceResource;

export const ACTIONS = [
  'read',
  'create',
  'update',
  'delete',
  'execute',
  'activate',
  'share',
  'move',
  /** Credentials: reference it from a workflow node without seeing its data. */
  'use',
  /** Projects: add/remove members and change their roles. */
  'manageMembers',
] as const;
export type Action = (typeof ACTIONS)[number];

type Matrix<R extends string> = Readonly<Record<R, readonly Action[]>>;

const crud: readonly Action[] = ['read', 'create', 'update', 'delete'];

/** What each project role allows on resources of its project. */
export const PROJECT_ROLE_MATRIX: Readonly<Record<ProjectRole, Matrix<ProjectResource>>> = {
  admin: {
    workflow: ['read', 'create', 'update', 'delete', 'execute', 'activate', 'share', 'move'],
    execution: ['read', 'delete', 'execute'],
    credential: ['read', 'create', 'update', 'delete', 'use', 'share', 'move'],
    variable: crud,
    tag: crud,
    knowledgeBase: crud,
    promptTemplate: crud,
    project: ['read', 'update', 'delete', 'manageMembers'],
  },
  editor: {
    workflow: ['read', 'create', 'update', 'delete', 'execute', 'activate'],
    execution: ['read', 'delete', 'execute'],
    credential: ['read', 'create', 'update', 'delete', 'use'],
    variable: crud,
    tag: crud,
    knowledgeBase: crud,
    promptTemplate: crud,
    project: ['read'],
  },
  viewer: {
    workflow: ['read'],
    execution: ['read'],
    credential: ['read'],
    variable: ['read'],
    tag: ['read'],
    knowledgeBase: ['read'],
    promptTemplate: ['read'],
    project: ['read'],
  },
};

/**
 * What a share gives the members of the project it is shared into: `read`
 * lets them see it (and run a shared workflow's results), `use` lets a
 * credential be picked in their workflows without revealing its data.
 */
export const SHARE_ACCESS = ['read', 'use'] as const;
export type ShareAccess = (typeof SHARE_ACCESS)[number];
export const SHARE_MATRIX: Readonly<Record<ShareAccess, readonly Action[]>> = {
  read: ['read'],
  use: ['read', 'use'],
};

/** Instance roles on instance resources. Owners and admins also act as admin in every project. */
export const INSTANCE_ROLE_MATRIX: Readonly<Record<InstanceRole, Matrix<InstanceResource>>> = {
  owner: {
    user: crud,
    apiKey: crud,
    session: [],
    audit: crud,
    sso: crud,
    settings: crud,
    nodeType: ['read'],
  },
  admin: {
    user: crud,
    apiKey: crud,
    session: [],
    audit: ['read'],
    sso: ['read'],
    settings: ['read'],
    nodeType: ['read'],
  },
  member: { user: [], apiKey: [], session: [], audit: [], sso: [], settings: [], nodeType: ['read'] },
};

/** What anyone may do to their own record (an API key needs the `session:*` scope for sessions). */
export const OWN_RECORD_ACTIONS: Readonly<Partial<Record<InstanceResource, readonly Action[]>>> = {
  user: ['read', 'update'],
  apiKey: crud,
  session: ['read', 'delete'],
};

/** What anyone may do to the record of someone who shares a project with them: see who they work with. */
export const FELLOW_MEMBER_ACTIONS: Readonly<Partial<Record<InstanceResource, readonly Action[]>>> = {
  user: ['read'],
};

/** Instance roles that may create team projects. */
export const PROJECT_CREATORS: readonly InstanceRole[] = ['owner', 'admin'];

/** API-key scopes: `<resource>:read` grants reading, `<resource>:write` everything else. */
export type Scope = `${Resource}:${'read' | 'write'}`;
export const ALL_SCOPES: readonly Scope[] = [...PROJECT_RESOURCES, ...INSTANCE_RESOURCES].flatMap(
  (r): Scope[] => [`${r}:read`, `${r}:write`],
);

export function scopeFor(resource: Resource, action: Action): Scope {
  return `${resource}:${action === 'read' ? 'read' : 'write'}`;
}

/** Who is asking. Built once per request by the authentication step. */
export interface Actor {
  kind: 'user' | 'apiKey';
  userId: string;
  email: string;
  role: InstanceRole;
  /** Project id → the actor's role there (personal project included). */
  projects: ReadonlyMap<string, ProjectRole>;
  personalProjectId: string | null;
  /** Only for API keys: the key's scopes narrow what the user may do. */
  scopes?: ReadonlySet<Scope>;
  sessionId?: string;
  apiKeyId?: string;
}

/** What a check is about: the resource type, the project owning it and where it is shared. */
export interface ResourceRef {
  type: Resource;
  /** Owning project; null for rows from before projects existed, undefined for instance resources. */
  projectId?: string | null;
  sharedWith?: readonly { projectId: string; access: ShareAccess }[];
  /** For `user`/`apiKey`/`session`: whose record it is (everyone may read and manage their own). */
  ownerUserId?: string;
  /** For `user`: whether that user is a member of one of the actor's projects. */
  fellowMember?: boolean;
}

export interface Decision {
  allowed: boolean;
  /** Whether the actor may know the resource exists: hidden → 404, visible but not allowed → 403. */
  visible: boolean;
}

export function isInstanceAdmin(actor: Pick<Actor, 'role'>): boolean {
  return actor.role === 'owner' || actor.role === 'admin';
}

function isProjectResource(type: Resource): type is ProjectResource {
  return (PROJECT_RESOURCES as readonly string[]).includes(type);
}

function scopeAllows(actor: Actor, resource: Resource, action: Action): boolean {
  return actor.scopes === undefined || actor.scopes.has(scopeFor(resource, action));
}

function projectActions(actor: Actor, ref: ResourceRef & { type: ProjectResource }): Set<Action> {
  const granted = new Set<Action>();
  if (isInstanceAdmin(actor)) for (const a of PROJECT_ROLE_MATRIX.admin[ref.type]) granted.add(a);
  const own = ref.projectId ? actor.projects.get(ref.projectId) : undefined;
  if (own !== undefined) for (const a of PROJECT_ROLE_MATRIX[own][ref.type]) granted.add(a);
  for (const share of ref.sharedWith ?? []) {
    if (actor.projects.has(share.projectId)) for (const a of SHARE_MATRIX[share.access]) granted.add(a);
  }
  return granted;
}

/** The full answer: allowed, and whether a refusal is a 403 (visible) or a 404 (hidden). */
export function decide(actor: Actor, action: Action, ref: ResourceRef): Decision {
  if (isProjectResource(ref.type)) {
    const granted = projectActions(actor, { ...ref, type: ref.type });
    const visible = granted.has('read');
    return { allowed: granted.has(action) && scopeAllows(actor, ref.type, action), visible };
  }
  const granted = new Set<Action>(INSTANCE_ROLE_MATRIX[actor.role][ref.type]);
  // Everyone reads and edits their own user record and manages their own API keys.
  if (ref.ownerUserId !== undefined && ref.ownerUserId === actor.userId) {
    for (const a of OWN_RECORD_ACTIONS[ref.type] ?? []) granted.add(a);
  }
  if (ref.fellowMember === true) for (const a of FELLOW_MEMBER_ACTIONS[ref.type] ?? []) granted.add(a);
  return {
    allowed: granted.has(action) && scopeAllows(actor, ref.type, action),
    visible: granted.has('read'),
  };
}

export function can(actor: Actor, action: Action, ref: ResourceRef): boolean {
  return decide(actor, action, ref).allowed;
}

/** Projects whose resources the actor may see: every project for instance admins (null), else its own. */
export function visibleProjects(actor: Actor): string[] | null {
  return isInstanceAdmin(actor) ? null : [...actor.projects.keys()];
}

/**
 * For instance-wide names governed by project roles (tags): allowed when
 * some team project of the actor allows it (instance admins: everywhere).
 * The personal project, where everyone is admin, does not count: the names
 * are everyone's.
 */
export function canInSomeTeamProject(actor: Actor, action: Action, type: ProjectResource): boolean {
  if (isInstanceAdmin(actor)) return can(actor, action, { type, projectId: null });
  return [...actor.projects.keys()].some(
    (projectId) => projectId !== actor.personalProjectId && can(actor, action, { type, projectId }),
  );
}

/** Projects the actor may create a resource of this type in. */
export function canCreateIn(actor: Actor, type: ProjectResource, projectId: string): boolean {
  return can(actor, 'create', { type, projectId });
}

/**
 * Whether a run in project `callerProjectId` may start a stored workflow
 * (Execute Workflow, error workflow): one of its own project, or one shared
 * into it (either share access). Runs outside any project reach only
 * workflows outside any project.
 */
export function mayCallWorkflow(callerProjectId: string | null, target: ResourceRef): boolean {
  if ((target.projectId ?? null) === callerProjectId) return true;
  return callerProjectId !== null && (target.sharedWith ?? []).some((s) => s.projectId === callerProjectId);
}

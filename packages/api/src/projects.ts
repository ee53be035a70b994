import { z } from 'zod';
import { projectRoleSchema } from './auth.ts';
import { idParamsSchema, idSchema, timestampSchema } from './common.ts';
import { defineRoute } from './contract.ts';

export const projectMemberSchema = z
  .object({ userId: z.string(), email: z.string(), displayName: z.string(), role: projectRoleSchema })
  .meta({ id: 'ProjectMember' });
export const projectSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    kind: z.enum(['personal', 'team']),
    /** The caller's role here; null for owners/admins who are not members. */
    role: projectRoleSchema.nullable(),
    createdAt: timestampSchema,
    updatedAt: timestampSchema,
  })
  .meta({ id: 'Project' });
export type Project = z.infer<typeof projectSchema>;
export const projectNameSchema = z.string().trim().min(1).max(128);
export const shareableResourceSchema = z.enum(['workflow', 'credential']);
export const shareAccessSchema = z.enum(['read', 'use']);
export const shareSchema = z
  .object({
    resourceType: shareableResourceSchema,
    resourceId: z.string(),
    projectId: z.string(),
    access: shareAccessSchema,
    createdAt: timestampSchema,
  })
  .meta({ id: 'Share' });

const tags = ['Projects'] as const;
const base = '/api/v1/projects';
const memberParams = z.object({ id: idSchema, userId: idSchema });
const shareParams = z.object({
  resourceType: shareableResourceSchema,
  resourceId: idSchema,
  projectId: idSchema,
});

export const projectRoutes = {
  list: defineRoute({
    method: 'GET',
    path: base,
    operationId: 'listProjects',
    summary: 'Projects I can see',
    tags,
    response: z.object({ data: z.array(projectSchema) }),
    errors: [401],
  }),
  get: defineRoute({
    method: 'GET',
    path: `${base}/:id`,
    operationId: 'getProject',
    summary: 'Get a project',
    tags,
    params: idParamsSchema,
    response: projectSchema,
    errors: [401, 404],
  }),
  create: defineRoute({
    method: 'POST',
    path: base,
    operationId: 'createProject',
    summary: 'Create a team project (owners and admins); the creator becomes its admin',
    tags,
    body: z.object({ name: projectNameSchema }).strict(),
    response: projectSchema,
    status: 201,
    errors: [401, 403],
  }),
  update: defineRoute({
    method: 'PATCH',
    path: `${base}/:id`,
    operationId: 'renameProject',
    summary: 'Rename a team project',
    tags,
    params: idParamsSchema,
    body: z.object({ name: projectNameSchema }).strict(),
    response: projectSchema,
    errors: [401, 403, 404],
  }),
  delete: defineRoute({
    method: 'DELETE',
    path: `${base}/:id`,
    operationId: 'deleteProject',
    summary: 'Delete an empty team project',
    tags,
    params: idParamsSchema,
    status: 204,
    errors: [401, 403, 404, 409],
  }),
  members: defineRoute({
    method: 'GET',
    path: `${base}/:id/members`,
    operationId: 'listProjectMembers',
    summary: 'Members of a project with their roles',
    tags,
    params: idParamsSchema,
    response: z.object({ data: z.array(projectMemberSchema) }),
    errors: [401, 404],
  }),
  setMember: defineRoute({
    method: 'PUT',
    path: `${base}/:id/members/:userId`,
    operationId: 'setProjectMember',
    summary: 'Add a member or change their role',
    tags,
    params: memberParams,
    body: z.object({ role: projectRoleSchema }).strict(),
    response: projectMemberSchema,
    errors: [401, 403, 404],
  }),
  removeMember: defineRoute({
    method: 'DELETE',
    path: `${base}/:id/members/:userId`,
    operationId: 'removeProjectMember',
    summary: 'Remove a member',
    tags,
    params: memberParams,
    status: 204,
    errors: [401, 403, 404],
  }),
  transfer: defineRoute({
    method: 'POST',
    path: `${base}/:id/transfer`,
    operationId: 'moveIntoProject',
    summary: 'Move a workflow or credential into this project (needs `move` where it is and `create` here)',
    tags,
    params: idParamsSchema,
    body: z.object({ resourceType: shareableResourceSchema, resourceId: idSchema }).strict(),
    status: 204,
    errors: [401, 403, 404],
  }),
  listShares: defineRoute({
    method: 'GET',
    path: '/api/v1/shares/:resourceType/:resourceId',
    operationId: 'listShares',
    summary: 'Projects a workflow or credential is shared into',
    tags,
    params: z.object({ resourceType: shareableResourceSchema, resourceId: idSchema }),
    response: z.object({ data: z.array(shareSchema) }),
    errors: [401, 404],
  }),
  share: defineRoute({
    method: 'PUT',
    path: '/api/v1/shares/:resourceType/:resourceId/:projectId',
    operationId: 'shareResource',
    summary: 'Share a workflow or credential into another project (read, or use for credentials)',
    tags,
    params: shareParams,
    body: z.object({ access: shareAccessSchema }).strict(),
    response: shareSchema,
    errors: [401, 403, 404],
  }),
  unshare: defineRoute({
    method: 'DELETE',
    path: '/api/v1/shares/:resourceType/:resourceId/:projectId',
    operationId: 'unshareResource',
    summary: 'Stop sharing',
    tags,
    params: shareParams,
    status: 204,
    errors: [401, 403, 404],
  }),
} as const;

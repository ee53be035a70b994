import { z } from 'zod';
import { emailSchema, instanceRoleSchema, passwordSchema, userSchema } from './auth.ts';
import { idParamsSchema } from './common.ts';
import { defineRoute } from './contract.ts';

export const createUserBodySchema = z
  .object({
    email: emailSchema,
    displayName: z.string().trim().min(1).max(128).optional(),
    role: instanceRoleSchema.exclude(['owner']).default('member'),
    /** Without a password the user gets a one-time invitation link to set one. */
    password: passwordSchema.optional(),
  })
  .strict();
export const updateUserBodySchema = z
  .object({
    displayName: z.string().trim().min(1).max(128).optional(),
    role: instanceRoleSchema.exclude(['owner']).optional(),
    disabled: z.boolean().optional(),
  })
  .strict();

const tags = ['Users'] as const;
const base = '/api/v1/users';

export const userRoutes = {
  list: defineRoute({
    method: 'GET',
    path: base,
    operationId: 'listUsers',
    summary: 'List users',
    tags,
    response: z.object({ data: z.array(userSchema) }),
    errors: [401, 403],
  }),
  get: defineRoute({
    method: 'GET',
    path: `${base}/:id`,
    operationId: 'getUser',
    summary: 'Get a user',
    tags,
    params: idParamsSchema,
    response: userSchema,
    errors: [401, 403, 404],
  }),
  create: defineRoute({
    method: 'POST',
    path: base,
    operationId: 'createUser',
    summary: 'Create or invite a user (owners and admins)',
    tags,
    body: createUserBodySchema,
    response: z.object({ user: userSchema, inviteUrl: z.string().nullable() }),
    status: 201,
    errors: [401, 403, 409],
  }),
  update: defineRoute({
    method: 'PATCH',
    path: `${base}/:id`,
    operationId: 'updateUser',
    summary: 'Rename, change the role of, or disable a user',
    tags,
    params: idParamsSchema,
    body: updateUserBodySchema,
    response: userSchema,
    errors: [401, 403, 404],
  }),
  delete: defineRoute({
    method: 'DELETE',
    path: `${base}/:id`,
    operationId: 'deleteUser',
    summary: 'Delete a user with their personal project and sessions',
    tags,
    params: idParamsSchema,
    status: 204,
    errors: [401, 403, 404],
  }),
} as const;

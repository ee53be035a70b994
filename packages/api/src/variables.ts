import { z } from 'zod';
import { idParamsSchema, idSchema, timestampSchema } from './common.ts';
import { defineRoute } from './contract.ts';

export const VARIABLE_SECRET_MASK = '__guixu_secret__';
export const variableKeySchema = z
  .string()
  .trim()
  .regex(/^[A-Za-z_][A-Za-z0-9_]{0,63}$/, 'must be a letter or _ followed by letters, digits or _ (max 64)');
export const variableSchema = z
  .object({
    id: z.string(),
    projectId: z.string(),
    key: z.string(),
    /** A secret variable's value is always the mask. */
    value: z.string(),
    secret: z.boolean(),
    createdAt: timestampSchema,
    updatedAt: timestampSchema,
  })
  .meta({ id: 'Variable' });

const tags = ['Variables'] as const;
const base = '/api/v1/variables';

export const variableRoutes = {
  list: defineRoute({
    method: 'GET',
    path: base,
    operationId: 'listVariables',
    summary: 'Variables of the projects I can see ($vars in expressions)',
    tags,
    query: z.object({ projectId: idSchema.optional() }),
    response: z.object({ data: z.array(variableSchema) }),
    errors: [401],
  }),
  create: defineRoute({
    method: 'POST',
    path: base,
    operationId: 'createVariable',
    summary: 'Create a variable',
    tags,
    body: z
      .object({
        projectId: idSchema.optional(),
        key: variableKeySchema,
        value: z.string().max(65_536),
        secret: z.boolean().default(false),
      })
      .strict(),
    response: variableSchema,
    status: 201,
    errors: [401, 403, 404, 409],
  }),
  update: defineRoute({
    method: 'PATCH',
    path: `${base}/:id`,
    operationId: 'updateVariable',
    summary: 'Change a variable (send the mask to keep a secret value)',
    tags,
    params: idParamsSchema,
    body: z.object({ key: variableKeySchema.optional(), value: z.string().max(65_536).optional() }).strict(),
    response: variableSchema,
    errors: [401, 403, 404, 409],
  }),
  delete: defineRoute({
    method: 'DELETE',
    path: `${base}/:id`,
    operationId: 'deleteVariable',
    summary: 'Delete a variable',
    tags,
    params: idParamsSchema,
    status: 204,
    errors: [401, 403, 404],
  }),
} as const;

import { idParamsSchema } from '../common.ts';
import { defineRoute } from '../contract.ts';
import { tagBodySchema, tagListSchema, tagSchema } from '../tags.ts';

const base = '/api/v1/tags';
const tags = ['Tags'] as const;

export const tagRoutes = {
  list: defineRoute({
    method: 'GET',
    path: base,
    operationId: 'listTags',
    summary: 'List tags with their usage count',
    tags,
    response: tagListSchema,
  }),
  create: defineRoute({
    method: 'POST',
    path: base,
    operationId: 'createTag',
    summary: 'Create a tag',
    tags,
    body: tagBodySchema,
    response: tagSchema,
    status: 201,
    errors: [409],
  }),
  update: defineRoute({
    method: 'PATCH',
    path: `${base}/:id`,
    operationId: 'renameTag',
    summary: 'Rename a tag',
    tags,
    params: idParamsSchema,
    body: tagBodySchema,
    response: tagSchema,
    errors: [404, 409],
  }),
  delete: defineRoute({
    method: 'DELETE',
    path: `${base}/:id`,
    operationId: 'deleteTag',
    summary: 'Delete a tag (removes it from its workflows)',
    tags,
    params: idParamsSchema,
    status: 204,
    errors: [404],
  }),
} as const;

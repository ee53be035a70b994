import { defineRoute } from '../contract.ts';
import {
  nodeTypeListQuerySchema,
  nodeTypeListSchema,
  nodeTypeParamsSchema,
  nodeTypeQuerySchema,
  nodeTypeSchema,
} from '../node-types.ts';

const tags = ['Node types'] as const;

export const nodeTypeRoutes = {
  list: defineRoute({
    method: 'GET',
    path: '/api/v1/node-types',
    operationId: 'listNodeTypes',
    summary: 'Node catalog with form descriptions',
    description:
      'The newest version of every node type, with the form the editor renders for its parameters.',
    tags,
    query: nodeTypeListQuerySchema,
    response: nodeTypeListSchema,
  }),
  get: defineRoute({
    method: 'GET',
    path: '/api/v1/node-types/:type',
    operationId: 'getNodeType',
    summary: 'One node type (newest version unless `version` is given)',
    tags,
    params: nodeTypeParamsSchema,
    query: nodeTypeQuerySchema,
    response: nodeTypeSchema,
    errors: [404],
  }),
} as const;

import { fromBody } from './request-fields.ts';
import type { AccessRule } from './require-access.ts';

/**
 * Access rules of the routes other features register with plain `route()`,
 * keyed `METHOD /path` as in their contracts. `installAccessControl` applies
 * them in one root hook. List routes also need `scopeToActor` in their query.
 */
export const ROUTE_RULES: Readonly<Record<string, AccessRule>> = {
  'GET /api/v1/workflows': { resource: 'workflow', action: 'read' },
  'POST /api/v1/workflows': { resource: 'workflow', action: 'create', projectFrom: fromBody('projectId') },
  'POST /api/v1/workflows/import': {
    resource: 'workflow',
    action: 'create',
    projectFrom: fromBody('projectId'),
  },
  'GET /api/v1/workflows/:id': { resource: 'workflow', action: 'read' },
  'PATCH /api/v1/workflows/:id': { resource: 'workflow', action: 'update' },
  'DELETE /api/v1/workflows/:id': { resource: 'workflow', action: 'delete' },
  'POST /api/v1/workflows/:id/restore': { resource: 'workflow', action: 'update' },
  // The copy lands in the caller's project of choice: the handler checks `create` there.
  'POST /api/v1/workflows/:id/duplicate': { resource: 'workflow', action: 'read' },
  'POST /api/v1/workflows/:id/activate': { resource: 'workflow', action: 'activate' },
  'POST /api/v1/workflows/:id/deactivate': { resource: 'workflow', action: 'activate' },
  'GET /api/v1/workflows/:id/export': { resource: 'workflow', action: 'read' },
  'GET /api/v1/workflows/:id/versions': { resource: 'workflow', action: 'read' },
  'GET /api/v1/workflows/:id/versions/:version': { resource: 'workflow', action: 'read' },
  'POST /api/v1/workflows/:id/versions/:version/restore': { resource: 'workflow', action: 'update' },
  'GET /api/v1/workflows/:id/diff': { resource: 'workflow', action: 'read' },
  'POST /api/v1/workflows/:id/run': { resource: 'workflow', action: 'execute' },
  'POST /api/v1/workflows/:id/webhook-test/listen': { resource: 'workflow', action: 'execute' },
  'DELETE /api/v1/workflows/:id/webhook-test/listen': { resource: 'workflow', action: 'execute' },
  'GET /api/v1/webhooks': { resource: 'workflow', action: 'read' },
  'GET /api/v1/executions': { resource: 'execution', action: 'read' },
  'GET /api/v1/executions/:id': { resource: 'execution', action: 'read' },
  'POST /api/v1/executions/:id/cancel': { resource: 'execution', action: 'execute' },
  'POST /api/v1/executions/:id/retry': { resource: 'execution', action: 'execute' },
  'DELETE /api/v1/executions/:id': { resource: 'execution', action: 'delete' },
  // Tags are instance-wide names today (no project): any signed-in user with the tag scope.
  'GET /api/v1/tags': { resource: 'tag', action: 'read', useIdParam: false },
  'POST /api/v1/tags': { resource: 'tag', action: 'create', useIdParam: false },
  'PATCH /api/v1/tags/:id': { resource: 'tag', action: 'update', useIdParam: false },
  'DELETE /api/v1/tags/:id': { resource: 'tag', action: 'delete', useIdParam: false },
  'GET /api/v1/node-types': { resource: 'nodeType', action: 'read' },
  'GET /api/v1/node-types/:type': { resource: 'nodeType', action: 'read' },
};

/** Routes anyone may call: probes, docs, and webhooks (which authenticate by their own node settings). */
export const PUBLIC_PREFIXES: readonly string[] = [
  '/healthz',
  '/readyz',
  '/metrics',
  '/docs',
  '/webhook/',
  '/webhook-test/',
  '/form/',
  '/api/v1/openapi',
];

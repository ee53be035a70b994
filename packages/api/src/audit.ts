import { z } from 'zod';
import { idSchema, pageSchema, paginationQuerySchema, timestampSchema } from './common.ts';
import { defineRoute } from './contract.ts';

export const auditEntrySchema = z
  .object({
    id: z.string(),
    at: timestampSchema,
    actor: z.object({ id: z.string().nullable(), label: z.string().nullable(), kind: z.string() }),
    /** `workflow.update`, `user.login`, `user.login_failed`, `apiKey.use`… */
    action: z.string(),
    resourceType: z.string().nullable(),
    resourceId: z.string().nullable(),
    projectId: z.string().nullable(),
    ip: z.string().nullable(),
    summary: z.string(),
    diff: z.unknown().nullable(),
  })
  .meta({ id: 'AuditEntry' });

export const auditFilterSchema = z.object({
  actorId: idSchema.optional(),
  action: z.string().max(64).optional(),
  resourceType: z.string().max(64).optional(),
  resourceId: idSchema.optional(),
  projectId: idSchema.optional(),
  from: timestampSchema.optional(),
  to: timestampSchema.optional(),
});
export const auditQuerySchema = paginationQuerySchema.extend(auditFilterSchema.shape);
export const auditSettingsSchema = z
  .object({
    /** Entries older than this are deleted; 0 keeps everything. */
    retentionDays: z.number().int().min(0).max(36_500),
  })
  .meta({ id: 'AuditSettings' });

const tags = ['Audit'] as const;

export const auditRoutes = {
  list: defineRoute({
    method: 'GET',
    path: '/api/v1/audit',
    operationId: 'listAuditEntries',
    summary: 'Search the audit log (newest first)',
    tags,
    query: auditQuerySchema,
    response: pageSchema(auditEntrySchema),
    errors: [401, 403],
  }),
  export: defineRoute({
    method: 'GET',
    path: '/api/v1/audit/export',
    operationId: 'exportAuditEntries',
    summary: 'Export the matching audit entries as CSV or JSON',
    tags,
    query: auditFilterSchema.extend({ format: z.enum(['csv', 'json']).default('json') }),
    errors: [401, 403],
  }),
  getSettings: defineRoute({
    method: 'GET',
    path: '/api/v1/audit/settings',
    operationId: 'getAuditSettings',
    summary: 'Audit log retention',
    tags,
    response: auditSettingsSchema,
    errors: [401, 403],
  }),
  putSettings: defineRoute({
    method: 'PUT',
    path: '/api/v1/audit/settings',
    operationId: 'putAuditSettings',
    summary: 'Change audit log retention (owner)',
    tags,
    body: auditSettingsSchema.strict(),
    response: auditSettingsSchema,
    errors: [401, 403],
  }),
} as const;

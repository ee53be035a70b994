import type { WorkflowRecord } from '@guixu/api';
import type { FastifyRequest } from 'fastify';
import type { AuditLog } from '../audit/audit-log.ts';
import type { Actor } from '../../security/policy.ts';

/** Who asks for a change, and the request it came with (for the audit log's actor and address). */
export interface ActingAs {
  actor?: Actor | undefined;
  request?: FastifyRequest | undefined;
}

export type WorkflowAuditAction =
  | 'create'
  | 'import'
  | 'duplicate'
  | 'update'
  | 'delete'
  | 'purge'
  | 'restore'
  | 'restoreVersion'
  | 'activate'
  | 'deactivate';

const VERBS: Record<WorkflowAuditAction, string> = {
  create: 'created',
  import: 'imported',
  duplicate: 'created as a copy',
  update: 'saved',
  delete: 'deleted',
  purge: 'removed permanently',
  restore: 'restored',
  restoreVersion: 'restored to an earlier version',
  activate: 'activated',
  deactivate: 'deactivated',
};

/** Compared as values; the big parts of the document are only named when they changed. */
const VALUE_FIELDS = ['name', 'settings', 'active'] as const;
const DOCUMENT_FIELDS = ['nodes', 'connections', 'pinData', 'meta'] as const;

/** `{ field: [before, after] }` for what a save changed; node lists as "(changed)". */
export function workflowDiff(before: WorkflowRecord, after: WorkflowRecord): Record<string, unknown> {
  const diff: Record<string, unknown> = {};
  for (const field of VALUE_FIELDS) {
    if (JSON.stringify(before[field]) !== JSON.stringify(after[field]))
      diff[field] = [before[field], after[field]];
  }
  for (const field of DOCUMENT_FIELDS) {
    if (JSON.stringify(before[field]) !== JSON.stringify(after[field])) diff[field] = '(changed)';
  }
  const tags = (w: WorkflowRecord) => w.tags.map((t) => t.name).sort();
  if (JSON.stringify(tags(before)) !== JSON.stringify(tags(after))) diff.tags = [tags(before), tags(after)];
  if (before.version !== after.version) diff.version = [before.version, after.version];
  return diff;
}

/** Records one workflow change in the audit log (after it committed). */
export async function auditWorkflow(
  audit: AuditLog | undefined,
  options: {
    action: WorkflowAuditAction;
    workflow: Pick<WorkflowRecord, 'id' | 'name' | 'projectId'>;
    by: ActingAs;
    diff?: Record<string, unknown>;
    detail?: string;
  },
): Promise<void> {
  if (audit === undefined) return;
  const { action, workflow, by } = options;
  await audit.record({
    action: `workflow.${action}`,
    ...(by.actor ? { actor: by.actor } : {}),
    ...(by.request ? { request: by.request } : {}),
    resourceType: 'workflow',
    resourceId: workflow.id,
    projectId: workflow.projectId,
    summary: `Workflow "${workflow.name}" ${VERBS[action]}${options.detail ? ` ${options.detail}` : ''}`,
    ...(options.diff && Object.keys(options.diff).length > 0 ? { diff: options.diff } : {}),
  });
}

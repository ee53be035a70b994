import type { NodeServices } from '@guixu/core';

/**
 * The node-services key a host sets, per execution, to the run's project id:
 * the sandbox pool queues and shares its processes per tenant. Without it,
 * each workflow is its own tenant.
 */
export const SANDBOX_TENANT_SERVICE = 'codeSandboxTenant';

/** The tenant key of runs in a project (`null`: the instance's unowned workflows). */
export function projectTenant(projectId: string | null): string {
  return `project:${projectId ?? ''}`;
}

export function sandboxTenantOf(services: NodeServices, workflowId: string | undefined): string {
  const project = services[SANDBOX_TENANT_SERVICE];
  if (typeof project === 'string') return projectTenant(project);
  return workflowId === undefined ? '' : `workflow:${workflowId}`;
}

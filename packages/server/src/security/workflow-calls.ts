import {
  GuixuError,
  isExpressionString,
  isVisible,
  type NodeRegistry,
  type ParamShape,
  type Workflow,
} from '@guixu/core';
import { mayCallWorkflow } from './policy.ts';
import { locateResource } from './resources.ts';
import type { SecurityDb } from './tables.ts';

/** A parameter rendered with this widget names a stored workflow (Execute Workflow's `workflowId`). */
export const WORKFLOW_PICKER_WIDGET = 'workflowPicker';

/** One place a workflow document names another stored workflow. */
export interface WorkflowReference {
  workflowId: string;
  node?: string;
  parameter?: string;
  /** For references in the workflow's settings (`errorWorkflow`). */
  setting?: string;
}

/** A fixed id from a picker value: a plain id or n8n's resource locator `{ value }`; expressions are known only at run time. */
function fixedId(value: unknown): string | undefined {
  const raw =
    typeof value === 'object' && value !== null && !Array.isArray(value)
      ? Reflect.get(value, 'value')
      : value;
  if (typeof raw === 'number') return String(raw);
  if (typeof raw !== 'string') return undefined;
  const id = raw.trim();
  return id === '' || isExpressionString(raw) ? undefined : id;
}

/**
 * Every stored workflow a document names with a fixed id: picker parameters
 * of its nodes (as the node definitions declare them, when shown) and
 * `settings.errorWorkflow`.
 */
export function workflowReferences(workflow: Workflow, registry: NodeRegistry): WorkflowReference[] {
  const refs: WorkflowReference[] = [];
  for (const node of workflow.nodes) {
    const params = registry.find(node.type, node.typeVersion)?.params as ParamShape | undefined;
    if (params === undefined) continue;
    const values = node.parameters ?? {};
    const defaults = (name: string) => params[name]?.default;
    for (const [name, param] of Object.entries(params)) {
      if (param.widget !== WORKFLOW_PICKER_WIDGET) continue;
      if (!isVisible(param.options.displayOptions, values, values, defaults)) continue;
      const workflowId = fixedId(values[name]);
      if (workflowId !== undefined) refs.push({ workflowId, node: node.name, parameter: name });
    }
  }
  const errorWorkflow = workflow.settings?.errorWorkflow;
  if (typeof errorWorkflow === 'string' && errorWorkflow.trim() !== '') {
    refs.push({ workflowId: errorWorkflow.trim(), setting: 'errorWorkflow' });
  }
  return refs;
}

/** Whether a run in `callerProjectId` may start stored workflow `workflowId`: false for a missing one too. */
export async function workflowCallAllowed(
  db: SecurityDb,
  callerProjectId: string | null,
  workflowId: string,
): Promise<boolean> {
  const target = await locateResource(db, 'workflow', workflowId);
  return target !== null && mayCallWorkflow(callerProjectId, target);
}

/** The same words for "does not exist" and "not yours": no existence oracle. */
export function unavailableWorkflowMessage(workflowId: string): string {
  return `Workflow "${workflowId}" was not found or is not available to this workflow's project`;
}

/**
 * On save and activation: every fixed reference must be callable from the
 * workflow's project, else a 400 naming the node and parameter (or setting).
 */
export async function assertWorkflowReferences(
  db: SecurityDb,
  registry: NodeRegistry,
  projectId: string | null,
  workflow: Workflow,
): Promise<void> {
  for (const ref of workflowReferences(workflow, registry)) {
    if (await workflowCallAllowed(db, projectId, ref.workflowId)) continue;
    const where =
      ref.node === undefined
        ? `Setting "${ref.setting}"`
        : `Node "${ref.node}", parameter "${ref.parameter}"`;
    throw new GuixuError(
      'WORKFLOW_REFERENCE_INVALID',
      `${where}: ${unavailableWorkflowMessage(ref.workflowId)}`,
      {
        ...(ref.node === undefined ? {} : { node: ref.node }),
        ...(ref.parameter === undefined ? {} : { parameter: ref.parameter }),
        description: 'Pick a workflow of this project, or ask its owner to share it with this project.',
        details: { workflowId: ref.workflowId, ...(ref.setting ? { setting: ref.setting } : {}) },
      },
    );
  }
}

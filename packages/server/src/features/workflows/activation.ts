import { GuixuError, type NodeRegistry, type ValidationResult, type Workflow } from '@guixu/core';

/** Trigger kinds that fire on their own; manual, sub-workflow and error triggers are started by something else. */
const ACTIVATING_KINDS = new Set(['webhook', 'schedule', 'form', 'chat', 'event']);

type Validate = (workflow: unknown, registry: NodeRegistry) => ValidationResult;

/**
 * Why a workflow cannot be active, as one 400 error listing every problem with
 * its node and parameter; undefined when it can.
 */
export function activationProblems(
  workflow: Workflow,
  registry: NodeRegistry,
  validate: Validate,
): GuixuError | undefined {
  const { errors, warnings } = validate(workflow, registry);
  if (errors.length > 0) {
    const first = errors[0];
    const where = first.node
      ? `node "${first.node}"${first.parameter ? `, parameter "${first.parameter}"` : ''}: `
      : '';
    const more =
      errors.length > 1 ? ` (and ${errors.length - 1} more problem${errors.length > 2 ? 's' : ''})` : '';
    return new GuixuError(
      'WORKFLOW_INVALID',
      `Workflow cannot be activated: ${where}${first.message}${more}`,
      {
        details: { errors, warnings },
      },
    );
  }
  const starts = workflow.nodes.some((node) => {
    if (node.disabled) return false;
    const kind = registry.find(node.type, node.typeVersion)?.trigger?.kind;
    return kind !== undefined && ACTIVATING_KINDS.has(kind);
  });
  if (!starts) {
    return new GuixuError(
      'WORKFLOW_NO_TRIGGER',
      'Workflow cannot be activated: it has no enabled trigger that starts it on its own (webhook, schedule, form, chat or event trigger)',
      { details: { errors: [], warnings } },
    );
  }
  return undefined;
}

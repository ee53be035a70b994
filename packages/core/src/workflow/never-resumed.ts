/**
 * Wait nodes that nothing can resume: "On form submitted" needs a form page, and
 * GuixuFlow serves none yet (issue 12), so such a run waits until its time limit, or
 * for ever without one. Validation reports them.
 */
import type { Workflow } from './schema.ts';

export function waitsForForm(workflow: Workflow): string[] {
  return workflow.nodes
    .filter((node) => node.type === 'guixu.wait' && !node.disabled && node.parameters.resume === 'form')
    .map((node) => node.name);
}

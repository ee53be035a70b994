import { isRecord, sameShape } from '../mapping.ts';

/**
 * Execute Workflow v1 stored `workflowId` as a string; v1.2+ as a resource locator.
 * v1.0 ran once for all items and always waited for the sub-workflow.
 */
export default sameShape('executeWorkflow', 'guixu.executeWorkflow', 1.2, (node) => {
  const parameters = { ...node.parameters };
  const id = parameters.workflowId;
  if (id !== undefined && !isRecord(id)) {
    parameters.workflowId = { __rl: true, mode: 'id', value: id };
  }
  if (node.typeVersion < 1.1) parameters.mode ??= 'once';
  return { parameters };
});

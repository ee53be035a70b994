import { type DifyMapping, records, text } from '../dify-mapping.ts';

/**
 * The start node becomes a Manual Trigger: the caller's item carries the input
 * variables as fields (and, for chatflows, `chatInput`, `sessionId`, `files`, `userId`).
 */
const mapping: DifyMapping = {
  difyTypes: ['start'],
  translate: (node, ctx) => {
    const inputs = records(node.data.variables).map(
      (v) => `${text(v.variable)} (${text(v.type, 'text-input')}${v.required ? ', required' : ''})`,
    );
    if (ctx.mode === 'advanced-chat') {
      ctx.warn(
        'Chatflow apps start from a Manual Trigger until the chat trigger exists: pass chatInput and sessionId in the trigger item.',
      );
    }
    if (inputs.length > 0) ctx.warn(`Input variables, read from the trigger item: ${inputs.join(', ')}.`);
    return { type: 'guixu.manualTrigger', parameters: {} };
  },
};
export default mapping;

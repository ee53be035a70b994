import { chatModelSubNode } from '../dify-model.ts';
import { type DifyMapping, isRecord, records, text } from '../dify-mapping.ts';

/**
 * LLM → Basic LLM Chain with the model as a Chat Model sub-node. The system
 * message and the user/assistant messages of the prompt template become the
 * chain's system message and prompt; the answer is `text`, as in Dify.
 */
const mapping: DifyMapping = {
  difyTypes: ['llm'],
  translate(node, ctx) {
    if (!isRecord(node.data.model) || !text(node.data.model.name))
      return { unsupported: 'the LLM node names no model' };
    const template = Array.isArray(node.data.prompt_template)
      ? records(node.data.prompt_template)
      : isRecord(node.data.prompt_template)
        ? [node.data.prompt_template]
        : [];
    const system = template.filter((m) => m.role === 'system').map((m) => text(m.text));
    const rest = template.filter((m) => m.role !== 'system').map((m) => text(m.text));
    if (isRecord(node.data.memory))
      ctx.warn('Dify conversation memory is not carried over; connect a memory node to an AI Agent instead');
    if (isRecord(node.data.context) && node.data.context.enabled === true) {
      ctx.warn('The LLM context variable is not carried over: put the retrieved text into the prompt');
    }
    // With no user message, Dify sends the system prompt alone (the chat query in a chatflow).
    const user = rest.join('\n\n') || (ctx.mode === 'advanced-chat' ? '{{#sys.query#}}' : '');
    const prompt = user || system.join('\n\n');
    const systemMessage = user ? system.join('\n\n') : '';
    return {
      type: 'guixu.chainLlm',
      parameters: {
        prompt: ctx.template(prompt),
        ...(systemMessage ? { systemMessage: ctx.template(systemMessage) } : {}),
      },
      subNodes: [chatModelSubNode(node.data.model, ctx.warn)],
    };
  },
};

export default mapping;

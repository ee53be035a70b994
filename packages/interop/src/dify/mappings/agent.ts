import { chatModelSubNode } from '../dify-model.ts';
import { type DifyMapping, isRecord, records, text } from '../dify-mapping.ts';

/** A Dify agent parameter: `{ type: 'constant' | 'variable' | 'mixed', value }`. */
function parameter(data: Record<string, unknown>, name: string): unknown {
  const parameters = isRecord(data.agent_parameters) ? data.agent_parameters : {};
  const entry = parameters[name];
  return isRecord(entry) ? entry.value : undefined;
}

/**
 * Agent (Dify's agent strategies: function calling, ReAct) → AI Agent with the model
 * as a Chat Model sub-node, the instruction as its system message and the query as
 * its prompt; the answer is `text`, as in Dify. Dify tools and MCP servers are
 * reported (GuixuFlow's agent takes tools as sub-nodes: connect the equivalents).
 */
const mapping: DifyMapping = {
  difyTypes: ['agent'],
  translate(node, ctx) {
    const model = parameter(node.data, 'model');
    if (!isRecord(model) || !text(model.model ?? model.name)) {
      return { unsupported: 'the agent names no model (GuixuFlow needs one to run it)' };
    }
    const strategy = text(node.data.agent_strategy_name);
    if (strategy && !/function_calling|react/i.test(strategy)) {
      ctx.warn(`Dify agent strategy "${strategy}" runs as GuixuFlow's tool-calling agent`);
    }
    const tools = records(parameter(node.data, 'tools')).filter((t) => t.enabled !== false);
    if (tools.length > 0) {
      const names = tools.map((t) => `${text(t.provider_name)}/${text(t.tool_name)}`).join(', ');
      ctx.warn(
        `Dify tools are not carried over (${names}): connect GuixuFlow tool nodes to the agent's Tool input`,
      );
    }
    if (parameter(node.data, 'mcp_server') !== undefined) {
      ctx.warn('The MCP server of the Dify agent is not carried over');
    }
    const query =
      text(parameter(node.data, 'query')).trim() || (ctx.mode === 'advanced-chat' ? '{{#sys.query#}}' : '');
    const instruction = text(parameter(node.data, 'instruction')).trim();
    const iterations = Number(parameter(node.data, 'maximum_iterations'));
    return {
      type: 'guixu.agent',
      parameters: {
        prompt: ctx.template(query),
        ...(instruction ? { systemMessage: ctx.template(instruction) } : {}),
        ...(Number.isInteger(iterations) && iterations > 0 ? { maxIterations: iterations } : {}),
      },
      subNodes: [chatModelSubNode({ ...model, name: text(model.model ?? model.name) }, ctx.warn)],
    };
  },
  outputField: (variable) => (variable === 'text' ? 'output' : variable),
};

export default mapping;

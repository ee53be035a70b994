/** Call Workflow tool: the agent runs another workflow with the arguments the model chose, and reads its last items. */
import { defineNode, GuixuError, p } from '@guixu/core';
import type { AgentTool } from '../cluster/contracts.ts';
import { toJson } from '../cluster/json.ts';
import { schemaParam } from '../cluster/structured-answer.ts';
import { toolNameOf } from '../cluster/tool-name.ts';

const DEFAULT_SCHEMA = {
  type: 'object',
  properties: { query: { type: 'string', description: 'What to look up' } },
  required: ['query'],
};

export default defineNode({
  type: 'guixu.toolWorkflow',
  version: 1,
  displayName: 'Call Workflow Tool',
  description: 'A tool for an AI Agent: runs another workflow with the model’s arguments as its input item.',
  group: 'ai',
  icon: 'sitemap',
  inputs: [],
  outputs: [{ type: 'ai_tool', displayName: 'Tool' }],
  params: {
    name: p.string({ label: 'Name', description: 'How the model calls it (default: from the node name).' }),
    description: p.string({
      label: 'Description',
      rows: 3,
      required: true,
      description: 'Tell the model what the workflow does and when to call it.',
    }),
    workflowId: p.string({ label: 'Workflow ID', required: true }),
    inputSchema: p.json({
      label: 'Input Schema',
      default: DEFAULT_SCHEMA,
      description: 'JSON Schema of the arguments the model fills; they become the workflow’s input item.',
    }),
  },
  run: () => [[]],
  supplyData(ctx, itemIndex): AgentTool {
    const params = ctx.params(itemIndex);
    const runner = ctx.services.subWorkflows;
    const schema = params.inputSchema ?? DEFAULT_SCHEMA;
    return {
      kind: 'tool',
      name: toolNameOf(params.name, ctx.node.name),
      description: params.description,
      inputSchema: schemaParam(schema, 'inputSchema'),
      async run(input, signal) {
        if (!runner) {
          throw new GuixuError('SUB_WORKFLOWS_UNAVAILABLE', 'This host cannot run other workflows', {
            audience: 'operator',
          });
        }
        const value = toJson(input);
        const json =
          typeof value === 'object' && value !== null && !Array.isArray(value) ? value : { input: value };
        const result = await runner.run({
          workflow: { id: params.workflowId.trim() },
          items: [{ json }],
          wait: true,
          parent: { executionId: ctx.execution.id, workflowId: ctx.workflow.id, node: ctx.node.name },
          signal,
        });
        const items = (result.items ?? []).map((item) => item.json);
        return items.length === 1 ? (items[0] ?? null) : items;
      },
    };
  },
});

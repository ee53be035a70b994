import {
  defineNode,
  GuixuError,
  type Item,
  type JsonObject,
  type NodeRunContext,
  p,
  type SubWorkflowRequest,
  workflowSchema,
} from '@guixu/core';
import { z } from 'zod';

/**
 * Mirrors n8n's Execute Workflow v1.3. Not supported: source `url` (the host's
 * sub-workflow runner loads stored workflows, inline documents and files).
 * `workflowId` accepts n8n's resource-locator object or a plain id.
 */

const resourceLocator = z.union([
  z.string(),
  z.number().transform(String),
  z
    .object({ value: z.union([z.string(), z.number().transform(String)]) })
    .passthrough()
    .transform((rl) => rl.value),
]);

const workflowInputsSchema = z
  .object({
    mappingMode: z.string().optional(),
    value: z.record(z.string(), z.unknown()).nullable().optional(),
  })
  .passthrough();

type Params = {
  source: 'database' | 'localFile' | 'parameter';
  workflowId: string;
  workflowPath: string;
  workflowJson: unknown;
  mode: 'once' | 'each';
};

export default defineNode({
  type: 'guixu.executeWorkflow',
  version: 1,
  displayName: 'Execute Workflow',
  description: 'Runs another workflow with the current items and outputs what it returns.',
  group: 'flow',
  icon: 'network',
  defaultName: 'Execute Workflow',
  inputs: ['main'],
  outputs: ['main'],
  params: {
    source: p.options({
      label: 'Source',
      default: 'database',
      noExpression: true,
      options: [
        { value: 'database', label: 'Database', description: 'A stored workflow, by id' },
        { value: 'localFile', label: 'Local file', description: 'A workflow JSON file on the server' },
        { value: 'parameter', label: 'Define below', description: 'Paste the workflow JSON' },
      ],
    }),
    workflowId: p.custom<string>({
      kind: 'resourceLocator',
      widget: 'workflowPicker',
      label: 'Workflow',
      description: 'The workflow to run (its id)',
      schema: resourceLocator,
      default: '',
      displayOptions: { show: { source: ['database'] } },
    }),
    workflowPath: p.string({
      label: 'Workflow path',
      placeholder: '/data/workflow.json',
      displayOptions: { show: { source: ['localFile'] } },
    }),
    workflowJson: p.json({
      label: 'Workflow JSON',
      default: { nodes: [], connections: {} },
      displayOptions: { show: { source: ['parameter'] } },
    }),
    workflowInputs: p.custom<z.infer<typeof workflowInputsSchema>>({
      kind: 'resourceMapper',
      widget: 'workflowInputs',
      label: 'Workflow inputs',
      description:
        'Values for the fields the sub-workflow trigger defines; empty passes the items as they are',
      schema: workflowInputsSchema,
      default: { mappingMode: 'defineBelow', value: {} },
    }),
    mode: p.options({
      label: 'Mode',
      default: 'once',
      noExpression: true,
      options: [
        { value: 'once', label: 'Run once with all items', description: 'Pass all items in one call' },
        { value: 'each', label: 'Run once for each item', description: 'Call the workflow once per item' },
      ],
    }),
    options: p.collection({
      label: 'Options',
      fields: {
        waitForSubWorkflow: p.boolean({
          label: 'Wait for sub-workflow completion',
          description:
            'Whether to wait for the sub-workflow and output its items, or pass the input through at once',
          default: true,
        }),
      },
    }),
  },
  docs: `Runs a sub-workflow that starts with an Execute Workflow Trigger. The items are sent to it (mapped through "Workflow inputs" when fields are given) and the items of its last node come back as this node's output.

- **Run once with all items**: one sub-workflow run gets every item.
- **Run once for each item**: one run per item; outputs are paired with their item.

Without "Wait for sub-workflow completion" the sub-workflow starts in the background and this node outputs its input unchanged.`,
  async run(ctx) {
    const runner = ctx.services.subWorkflows;
    if (!runner) {
      throw new GuixuError('SUBWORKFLOWS_UNAVAILABLE', 'This host cannot run sub-workflows', {
        node: ctx.node.name,
        audience: 'operator',
        description: 'Run the workflow through the server or CLI, which provide a sub-workflow runner.',
      });
    }
    const first = ctx.params(0);
    const wait = first.options.waitForSubWorkflow !== false;
    const childItems = ctx.items.map((item, i) => mapInputs(item, ctx.params(i).workflowInputs, i));
    const call = (itemIndex: number, items: Item[]) => {
      const params = itemIndex === 0 ? first : ctx.params(itemIndex);
      const request: SubWorkflowRequest = {
        workflow: workflowRef(params, ctx),
        items,
        wait,
        parent: { executionId: ctx.execution.id, workflowId: ctx.workflow.id, node: ctx.node.name },
        signal: ctx.signal,
      };
      return runner.run(request);
    };
    if (first.mode === 'once') {
      const result = await call(0, childItems);
      if (!wait) return [ctx.items.map((item, index) => ({ ...item, pairedItem: { item: index } }))];
      const pairedItem = ctx.items.map((_, item) => ({ item }));
      return [(result.items ?? []).map((item) => ({ ...item, pairedItem }))];
    }
    const out: Item[] = [];
    for (let i = 0; i < childItems.length; i++) {
      try {
        const result = await call(i, [childItems[i]]);
        if (!wait) continue;
        for (const item of result.items ?? []) out.push({ ...item, pairedItem: { item: i } });
      } catch (error) {
        if (!ctx.continueOnFail()) throw error;
        out.push({
          json: { error: error instanceof Error ? error.message : String(error) },
          pairedItem: { item: i },
        });
      }
    }
    return [wait ? out : ctx.items.map((item, index) => ({ ...item, pairedItem: { item: index } }))];
  },
});

function mapInputs(item: Item, inputs: z.infer<typeof workflowInputsSchema>, index: number): Item {
  const value = inputs.value;
  if (!value || Object.keys(value).length === 0) return { ...item, pairedItem: { item: index } };
  const json: JsonObject = JSON.parse(JSON.stringify(value, (_, v) => (v === undefined ? null : v)));
  return { json, pairedItem: { item: index } };
}

function workflowRef(params: Params, ctx: NodeRunContext<unknown>): SubWorkflowRequest['workflow'] {
  const fail = (parameter: string, message: string): never => {
    throw new GuixuError('PARAMETER_INVALID', message, { node: ctx.node.name, parameter });
  };
  if (params.source === 'database') {
    const id = params.workflowId.trim();
    return id ? { id } : fail('workflowId', 'Choose the workflow to run');
  }
  if (params.source === 'localFile') {
    const path = params.workflowPath.trim();
    return path ? { path } : fail('workflowPath', 'Give the path of the workflow file to run');
  }
  const parsed = workflowSchema.safeParse(params.workflowJson);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const at = issue.path.length > 0 ? ` at ${issue.path.join('.')}` : '';
    return fail('workflowJson', `The workflow JSON is not a valid workflow${at}: ${issue.message}`);
  }
  return { document: parsed.data };
}

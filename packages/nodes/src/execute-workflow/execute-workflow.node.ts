import {
  defineNode,
  GuixuError,
  type Item,
  type JsonObject,
  type JsonValue,
  type NodeResult,
  type NodeRunContext,
  p,
  type ResumeInput,
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

Without "Wait for sub-workflow completion" the sub-workflow starts in the background and this node outputs its input unchanged.

A sub-workflow that waits (a Wait node) makes this execution wait too, stored in the database: it continues from this node when the sub-workflow ends, even after a restart. A failed sub-workflow fails this node (its "On error" setting applies); canceling this execution cancels the waiting sub-workflow.`,
  run: (ctx) => callChildren(ctx, { index: 0, out: [] }),
  resume(ctx, input) {
    const progress = progressOf(input.data, ctx);
    const child = input.subWorkflow;
    if (input.reason !== 'subworkflow' || child?.executionId !== progress.executionId) {
      throw new GuixuError(
        'SUBWORKFLOW_RESUME_MISMATCH',
        `This node waits for sub-workflow execution ${progress.executionId}, not for ${child?.executionId ?? `a ${input.reason} call`}`,
        { node: ctx.node.name, audience: 'bug', details: { expected: progress.executionId } },
      );
    }
    const out = progress.out;
    if (progress.mode === 'once') {
      const items = childItems(ctx, child, input.items);
      const pairedItem = ctx.items.map((_, item) => ({ item }));
      return [items.map((item) => ({ ...item, pairedItem }))];
    }
    try {
      for (const item of childItems(ctx, child, input.items))
        out.push({ ...item, pairedItem: { item: progress.index } });
    } catch (error) {
      if (!ctx.continueOnFail()) throw error;
      out.push(errorItem(error, progress.index));
    }
    return callChildren(ctx, { index: progress.index + 1, out });
  },
});

/** Where a run (or a resumed run) of this node stands: the next item to call a child for, and what came back so far. */
interface Progress {
  index: number;
  out: Item[];
}

/**
 * Calls the child (once, or once per item from `from.index`). A child that suspends
 * suspends this node too, with its progress; the host resumes it when the child ends.
 */
async function callChildren(ctx: Ctx, from: Progress): Promise<NodeResult> {
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
  const childInputs = ctx.items.map((item, i) => mapInputs(item, ctx.params(i).workflowInputs, i));
  const call = (itemIndex: number, items: Item[]) => {
    const params = itemIndex === 0 ? first : ctx.params(itemIndex);
    const request: SubWorkflowRequest = {
      workflow: workflowRef(params, ctx),
      items,
      wait,
      parent: {
        executionId: ctx.execution.id,
        workflowId: ctx.workflow.id,
        node: ctx.node.name,
        runIndex: ctx.runIndex,
        ...(first.mode === 'each' ? { itemIndex } : {}),
      },
      signal: ctx.signal,
    };
    return runner.run(request);
  };
  const passThrough = () => [ctx.items.map((item, index) => ({ ...item, pairedItem: { item: index } }))];
  if (first.mode === 'once') {
    const result = await call(0, childInputs);
    if (!wait) return passThrough();
    if (result.waiting) return suspendFor(result.executionId, 'once', 0, []);
    const pairedItem = ctx.items.map((_, item) => ({ item }));
    return [(result.items ?? []).map((item) => ({ ...item, pairedItem }))];
  }
  const out = from.out;
  for (let i = from.index; i < childInputs.length; i++) {
    try {
      const result = await call(i, [childInputs[i]]);
      if (!wait) continue;
      if (result.waiting) return suspendFor(result.executionId, 'each', i, out);
      for (const item of result.items ?? []) out.push({ ...item, pairedItem: { item: i } });
    } catch (error) {
      if (!ctx.continueOnFail()) throw error;
      out.push(errorItem(error, i));
    }
  }
  return wait ? [out] : passThrough();
}

type Ctx = NodeRunContext<
  Params & { workflowInputs: z.infer<typeof workflowInputsSchema>; options: { waitForSubWorkflow?: boolean } }
>;

function errorItem(error: unknown, item: number): Item {
  return { json: { error: error instanceof Error ? error.message : String(error) }, pairedItem: { item } };
}

function suspendFor(executionId: string, mode: 'once' | 'each', index: number, out: Item[]): NodeResult {
  return {
    suspend: {
      resumeOn: ['subworkflow'],
      data: { subWorkflow: { executionId, mode, index, out: out.map(storedItem) } },
    },
  };
}

/** The ended child's items, or the error that says why there are none. */
function childItems(
  ctx: Ctx,
  child: NonNullable<ResumeInput['subWorkflow']>,
  items: Item[] | undefined,
): Item[] {
  if (child.status === 'success') return items ?? [];
  if (child.status === 'canceled') {
    throw new GuixuError(
      'SUBWORKFLOW_CANCELED',
      `The sub-workflow execution ${child.executionId} was canceled before it finished`,
      {
        node: ctx.node.name,
        description: 'Run this execution again, or retry it from this node, to call the sub-workflow again.',
        details: { executionId: child.executionId },
      },
    );
  }
  const cause = child.error;
  throw new GuixuError(
    'SUBWORKFLOW_FAILED',
    `Sub-workflow execution ${child.executionId} failed${cause?.node ? ` in node "${cause.node}"` : ''}: ${cause?.message ?? `it ended with status "${child.status ?? 'unknown'}"`}`,
    { node: ctx.node.name, details: { executionId: child.executionId, error: cause ?? null } },
  );
}

const jsonValue: z.ZodType<JsonValue> = z.lazy(() =>
  z.union([
    z.string(),
    z.number(),
    z.boolean(),
    z.null(),
    z.array(jsonValue),
    z.record(z.string(), jsonValue),
  ]),
);
const binaryRef = z.object({
  id: z.string(),
  mimeType: z.string(),
  fileName: z.string().optional(),
  fileExtension: z.string().optional(),
  fileSize: z.number(),
  fileType: z.string().optional(),
});
const progressSchema = z.object({
  subWorkflow: z.object({
    executionId: z.string(),
    mode: z.enum(['once', 'each']),
    index: z.number().int().min(0),
    out: z.array(
      z.object({
        json: z.record(z.string(), jsonValue),
        binary: z.record(z.string(), binaryRef).optional(),
        pairedItem: z.object({ item: z.number().int() }),
      }),
    ),
  }),
});

function progressOf(data: JsonObject | undefined, ctx: Ctx) {
  const parsed = progressSchema.safeParse(data);
  if (!parsed.success) {
    throw new GuixuError(
      'SUBWORKFLOW_RESUME_MISMATCH',
      'The stored state of this waiting node is not readable',
      {
        node: ctx.node.name,
        audience: 'bug',
      },
    );
  }
  const { executionId, mode, index, out } = parsed.data.subWorkflow;
  const items: Item[] = out.map(({ json, binary, pairedItem }) => ({
    json,
    pairedItem,
    ...(binary ? { binary } : {}),
  }));
  return { executionId, mode, index, out: items };
}

/** An item as plain JSON for the suspended run's data. */
function storedItem(item: Item): JsonObject {
  const pairedItem =
    typeof item.pairedItem === 'object' && !Array.isArray(item.pairedItem) ? item.pairedItem.item : 0;
  const stored: JsonObject = { json: item.json, pairedItem: { item: pairedItem } };
  if (item.binary) {
    const binary: JsonObject = {};
    for (const [key, ref] of Object.entries(item.binary)) {
      const plain: JsonObject = { id: ref.id, mimeType: ref.mimeType, fileSize: ref.fileSize };
      if (ref.fileName !== undefined) plain.fileName = ref.fileName;
      if (ref.fileExtension !== undefined) plain.fileExtension = ref.fileExtension;
      if (ref.fileType !== undefined) plain.fileType = ref.fileType;
      binary[key] = plain;
    }
    stored.binary = binary;
  }
  return stored;
}

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

import {
  type BinaryRef,
  defineNode,
  graphOf,
  type Item,
  type JsonObject,
  type JsonValue,
  type NodeRunContext,
  type NodeRunSource,
  type PairedItem,
  p,
} from '@guixu/core';
import { z } from 'zod';

/**
 * Mirrors n8n's Loop Over Items (Split in Batches v3): output 0 "done", output 1
 * "loop". Items that come back from the loop body after "done" (an IF in the
 * body whose branches both lead back) are added and "done" is sent again with
 * everything, as in n8n. Deviation: items arriving from outside the body after
 * "done" (an outer loop) start fresh without `options.reset`.
 * Item links follow n8n: items emitted after the first run, and every item on
 * "done", carry `pairedItem.sourceOverwrite` naming the run input they came from,
 * so `$('Node').item` reaches nodes before the loop.
 */

interface LoopState {
  remaining: Item[];
  processed: Item[];
  /** The same lists as plain JSON: each run converts only the items it adds, so a loop stays linear. */
  remainingJson: JsonValue[];
  processedJson: JsonValue[];
  /** n8n's node context fields, for `$node["Loop Over Items"].context["noItemsLeft"]`. */
  noItemsLeft?: boolean;
  currentRunIndex?: number;
  /** The first run's input (n8n's `sourceData`): what the links of `remaining` point into. */
  sourceData?: NodeRunSource;
  /** "done" was sent; only items returning from the loop body continue this loop. */
  done?: boolean;
}

const sourceSchema = z.object({
  previousNode: z.string(),
  previousNodeOutput: z.number().int().min(0).optional(),
  previousNodeRun: z.number().int().min(0).optional(),
});

function isItemList(value: unknown): value is Item[] {
  return (
    Array.isArray(value) &&
    value.every(
      (v) =>
        v !== null && typeof v === 'object' && 'json' in v && typeof v.json === 'object' && v.json !== null,
    )
  );
}

function readState(value: JsonValue | undefined): LoopState | undefined {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return undefined;
  const { remaining, processed, currentRunIndex, sourceData, done } = value;
  if (!Array.isArray(remaining) || !Array.isArray(processed)) return undefined;
  if (!isItemList(remaining) || !isItemList(processed)) return undefined;
  const source = sourceSchema.safeParse(sourceData);
  return {
    remaining,
    processed,
    remainingJson: remaining,
    processedJson: processed,
    currentRunIndex: typeof currentRunIndex === 'number' ? currentRunIndex : 0,
    sourceData: source.success ? source.data : undefined,
    done: done === true,
  };
}

/** Whether this run's items come from the loop body: nodes reached from the "loop" output before coming back. */
function returnsFromBody(ctx: NodeRunContext): boolean {
  const graph = graphOf(ctx.workflow);
  const self = ctx.node.name;
  const body = new Set<string>();
  const queue = graph
    .edgesFrom(self)
    .filter((e) => e.outputIndex === 1)
    .map((e) => e.to);
  for (let name = queue.shift(); name !== undefined; name = queue.shift()) {
    if (body.has(name)) continue;
    body.add(name);
    if (name !== self) queue.push(...graph.children(name));
  }
  return ctx.source.some((s) => s !== null && body.has(s.previousNode));
}

/** Links every pairing of `item` to the run output `source` (kept as is without one). */
function linkedTo(item: Item, source: NodeRunSource | undefined): Item {
  if (!source) return item;
  const pairings = item.pairedItem ?? 0;
  const list = Array.isArray(pairings) ? pairings : [pairings];
  const linked = list.map((p) => ({ ...(typeof p === 'number' ? { item: p } : p), sourceOverwrite: source }));
  return { ...item, pairedItem: linked.length === 1 ? linked[0] : linked };
}

function copySource(source: Readonly<NodeRunSource> | null | undefined): NodeRunSource | undefined {
  return source ? { ...source } : undefined;
}

/** Builds a JSON object from the entries that have a value. */
function defined(entries: [string, JsonValue | undefined][]): JsonObject {
  const out: JsonObject = {};
  for (const [key, value] of entries) if (value !== undefined) out[key] = value;
  return out;
}

const sourceToJson = (s: NodeRunSource): JsonObject =>
  defined([
    ['previousNode', s.previousNode],
    ['previousNodeOutput', s.previousNodeOutput],
    ['previousNodeRun', s.previousNodeRun],
  ]);

const pairToJson = (p: PairedItem | number): JsonValue =>
  typeof p === 'number'
    ? p
    : defined([
        ['item', p.item],
        ['input', p.input],
        ['sourceOverwrite', p.sourceOverwrite && sourceToJson(p.sourceOverwrite)],
      ]);

const binaryToJson = (ref: BinaryRef): JsonObject =>
  defined([
    ['id', ref.id],
    ['mimeType', ref.mimeType],
    ['fileName', ref.fileName],
    ['fileExtension', ref.fileExtension],
    ['fileSize', ref.fileSize],
    ['fileType', ref.fileType],
  ]);

/** An item as plain JSON; its `json` object is shared, not copied (items are never changed in place). */
function itemToJson(item: Item): JsonObject {
  const binary = item.binary
    ? Object.fromEntries(Object.entries(item.binary).map(([key, ref]) => [key, binaryToJson(ref)]))
    : undefined;
  const paired = item.pairedItem;
  return defined([
    ['json', item.json],
    ['binary', binary],
    [
      'pairedItem',
      paired === undefined ? undefined : Array.isArray(paired) ? paired.map(pairToJson) : pairToJson(paired),
    ],
  ]);
}

function toJson(state: LoopState): JsonValue {
  return defined([
    ['remaining', state.remainingJson],
    ['processed', state.processedJson],
    ['noItemsLeft', state.noItemsLeft],
    ['currentRunIndex', state.currentRunIndex],
    ['sourceData', state.sourceData && sourceToJson(state.sourceData)],
    ['done', state.done],
  ]);
}

export default defineNode({
  type: 'guixu.loopOverItems',
  version: 1,
  displayName: 'Loop Over Items',
  description: 'Splits items into batches and loops over them; outputs everything processed when done.',
  group: 'flow',
  icon: 'repeat',
  defaultName: 'Loop Over Items',
  inputs: ['main'],
  outputs: [
    { type: 'main', displayName: 'done' },
    { type: 'main', displayName: 'loop' },
  ],
  outputNames: ['done', 'loop'],
  params: {
    batchSize: p.number({
      label: 'Batch size',
      description: 'The number of items to return with each call',
      default: 1,
      min: 1,
      integer: true,
    }),
    options: p.collection({
      label: 'Options',
      fields: {
        reset: p.boolean({
          label: 'Reset',
          description:
            'Whether to treat the incoming items as a new set of items to loop over, discarding any left',
          default: false,
        }),
      },
    }),
  },
  docs: `Connect the nodes that process one batch to the **loop** output and connect the end of that chain back into this node. Each time the items come back, the node stores them and sends the next batch on **loop**. When no items are left it sends everything that came back, in order, on **done**.

Use "Reset" (usually as an expression) to start over with the incoming items even though a loop is still running.`,
  run(ctx) {
    const { batchSize, options } = ctx.params(0);
    let saved = options.reset ? undefined : readState(ctx.state.get());
    if (saved?.done && !returnsFromBody(ctx)) saved = undefined;
    let state: LoopState;
    let batch: Item[];
    if (saved) {
      // This run's items come back from the loop body; link them to where they came from here.
      const incoming = copySource(ctx.source[0]);
      const returned = ctx.items.map((item, index) =>
        linkedTo({ ...item, pairedItem: { item: index } }, incoming),
      );
      state = {
        remaining: saved.remaining,
        processed: [...saved.processed, ...returned],
        remainingJson: saved.remainingJson,
        processedJson: [...saved.processedJson, ...returned.map(itemToJson)],
        currentRunIndex: (saved.currentRunIndex ?? 0) + 1,
        sourceData: saved.sourceData,
      };
      batch = state.remaining.slice(0, batchSize).map((item) => linkedTo(item, saved.sourceData));
    } else {
      const items = ctx.items.map((item, index) => ({ ...item, pairedItem: { item: index } }));
      state = {
        remaining: items,
        processed: [],
        remainingJson: items.map(itemToJson),
        processedJson: [],
        currentRunIndex: 0,
        sourceData: copySource(ctx.source[0]),
      };
      batch = items.slice(0, batchSize);
    }
    if (batch.length === 0) {
      ctx.state.set(toJson({ ...state, remaining: [], remainingJson: [], noItemsLeft: true, done: true }));
      return [state.processed, []];
    }
    const remaining = state.remaining.slice(batchSize);
    ctx.state.set(
      toJson({
        ...state,
        remaining,
        remainingJson: state.remainingJson.slice(batchSize),
        noItemsLeft: remaining.length === 0,
      }),
    );
    return [[], batch];
  },
});

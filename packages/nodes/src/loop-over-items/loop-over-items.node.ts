import { defineNode, type Item, type JsonValue, p } from '@guixu/core';

/**
 * Mirrors n8n's Loop Over Items (Split in Batches v3): output 0 "done", output 1
 * "loop". Deviation: the node forgets its state once it has emitted "done", so
 * entering it again (an outer loop) starts fresh without `options.reset`.
 */

interface LoopState {
  remaining: Item[];
  processed: Item[];
  /** n8n's node context fields, for `$node["Loop Over Items"].context["noItemsLeft"]`. */
  noItemsLeft?: boolean;
  currentRunIndex?: number;
}

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
  const { remaining, processed, currentRunIndex } = value;
  if (!isItemList(remaining) || !isItemList(processed)) return undefined;
  return { remaining, processed, currentRunIndex: typeof currentRunIndex === 'number' ? currentRunIndex : 0 };
}

function toJson(state: LoopState): JsonValue {
  return JSON.parse(JSON.stringify(state));
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
    const saved = options.reset ? undefined : readState(ctx.state.get());
    let state: LoopState;
    if (saved) {
      state = {
        remaining: saved.remaining,
        processed: [...saved.processed, ...ctx.items],
        currentRunIndex: (saved.currentRunIndex ?? 0) + 1,
      };
    } else {
      const items = ctx.items.map((item, index) => ({ ...item, pairedItem: { item: index } }));
      state = { remaining: items, processed: [], currentRunIndex: 0 };
    }
    const batch = state.remaining.slice(0, batchSize);
    if (batch.length === 0) {
      ctx.state.set(undefined);
      return [state.processed, []];
    }
    const remaining = state.remaining.slice(batchSize);
    ctx.state.set(
      toJson({
        remaining,
        processed: state.processed,
        noItemsLeft: remaining.length === 0,
        currentRunIndex: state.currentRunIndex,
      }),
    );
    return [[], batch];
  },
});

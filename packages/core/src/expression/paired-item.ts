/**
 * `$('Node').item`: follows `pairedItem` links from the current input item back
 * through the run data until it reaches the wanted node (like n8n). A link with
 * a `sourceOverwrite` points into that run output instead of into the producing
 * run's own input (Loop Over Items items received in earlier runs).
 */
import type { Item, PairedItem } from '../items.ts';
import type { NodeRunSource, RunData } from '../run-data.ts';
import { ExpressionError } from './expression-error.ts';

export interface PairedItemContext {
  runData: RunData;
  inputs: readonly Item[][];
  source: readonly (NodeRunSource | null)[];
}

const MAX_HOPS = 10_000;

function unavailable(target: string, reason: string): ExpressionError {
  return new ExpressionError(
    'EXPRESSION_RUNTIME',
    `Paired item data for item from node "${target}" is unavailable: ${reason}`,
    {
      description: `Make sure every node between "${target}" and this node keeps item links (pairedItem), or use $('${target}').first() / .all() / .itemMatching(index) instead of .item.`,
      details: { reason: 'pairedItemUnavailable', node: target },
    },
  );
}

function pairedList(item: Item, index: number): PairedItem[] {
  const p = item.pairedItem;
  if (p === undefined || p === null) return [{ item: index }];
  if (typeof p === 'number') return [{ item: p }];
  if (Array.isArray(p)) return p;
  return [p];
}

/** The run output `link.item` points into: the override when there is one, else the run's own input. */
function linkSource(
  target: string,
  link: PairedItem,
  runSource: readonly (NodeRunSource | null)[] | undefined,
): NodeRunSource | null | undefined {
  const override: unknown = link.sourceOverwrite;
  if (override === undefined || override === null) return runSource?.[link.input ?? 0];
  // Run data read back from storage (retry, run one node) may hold any JSON here.
  if (!isRunSource(override)) throw unavailable(target, 'an item link has a malformed sourceOverwrite');
  return override;
}

function isRunSource(value: unknown): value is NodeRunSource {
  if (value === null || typeof value !== 'object' || !('previousNode' in value)) return false;
  if (typeof value.previousNode !== 'string') return false;
  const output = 'previousNodeOutput' in value ? value.previousNodeOutput : undefined;
  const run = 'previousNodeRun' in value ? value.previousNodeRun : undefined;
  return (output === undefined || isIndex(output)) && (run === undefined || isIndex(run));
}

function isIndex(value: unknown): boolean {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0;
}

function outputItem(runData: RunData, src: NodeRunSource, index: number): Item | undefined {
  const runs = runData[src.previousNode];
  if (!runs || runs.length === 0) return undefined;
  const run = runs[src.previousNodeRun ?? runs.length - 1];
  return run?.data?.main?.[src.previousNodeOutput ?? 0]?.[index];
}

export function resolvePairedItem(
  ctx: PairedItemContext,
  target: string,
  itemIndex: number,
  inputIndex = 0,
): Item {
  const item = ctx.inputs[inputIndex]?.[itemIndex];
  if (!item) throw unavailable(target, `this node has no input item ${itemIndex}`);
  const src = ctx.source[inputIndex];
  if (!src) throw unavailable(target, 'this node has no recorded source for its input');
  let hops = 0;
  const walk = (current: Item, index: number, from: NodeRunSource): Item => {
    if (++hops > MAX_HOPS) throw unavailable(target, 'the item links form a loop that is too long');
    // `current` is an output item of `from.previousNode`; prefer the recorded one (same object in a real run).
    const recorded = outputItem(ctx.runData, from, index) ?? current;
    if (from.previousNode === target) return recorded;
    const runs = ctx.runData[from.previousNode];
    const record = runs?.[from.previousNodeRun ?? (runs?.length ?? 0) - 1];
    if (!record) throw unavailable(target, `no run data for node "${from.previousNode}"`);
    const results: Item[] = [];
    let firstError: unknown;
    for (const link of pairedList(recorded, index)) {
      try {
        const prevSource = linkSource(target, link, record.source);
        if (!prevSource) {
          throw unavailable(target, `"${from.previousNode}" has no input source (is "${target}" before it?)`);
        }
        const prev = outputItem(ctx.runData, prevSource, link.item);
        if (!prev) {
          throw unavailable(target, `"${prevSource.previousNode}" has no output item ${link.item}`);
        }
        const found = walk(prev, link.item, prevSource);
        if (!results.includes(found)) results.push(found);
      } catch (error) {
        firstError ??= error;
      }
    }
    if (results.length === 1) return results[0];
    if (results.length === 0) throw firstError;
    throw new ExpressionError('EXPRESSION_RUNTIME', `Multiple matching items for $('${target}').item`, {
      description: `This item comes from several items of "${target}"; use $('${target}').all() or .itemMatching(index) to pick one.`,
      details: { reason: 'pairedItemMultipleMatches', node: target },
    });
  };
  return walk(item, itemIndex, src);
}

import { GuixuError, type Item, type NodeRunContext } from '@guixu/core';

/**
 * Per-item failure handling shared by item-by-item nodes, the way n8n does it:
 * with "continue on fail" a failed item becomes `{ error }` paired to its input
 * item (the engine moves it to the error output when that is configured);
 * otherwise the run stops with an error that names the node and the item.
 */

function messageOf(error: unknown): string {
  if (error instanceof Error) return error.message;
  return typeof error === 'string' ? error : 'Unknown error';
}

/** Makes sure an error names the node and the item it failed on. */
export function itemError(error: unknown, nodeName: string, itemIndex: number): GuixuError {
  if (error instanceof GuixuError) {
    error.node ??= nodeName;
    if (error.details && error.details.itemIndex === undefined) error.details.itemIndex = itemIndex;
    return error;
  }
  return new GuixuError('NODE_OPERATION_FAILED', `${messageOf(error)} [item ${itemIndex}]`, {
    node: nodeName,
    cause: error,
    details: { itemIndex },
    audience: 'bug',
  });
}

/** Stops an item loop once the run is canceled or timed out; never becomes an error item. */
function stopIfAborted(signal: AbortSignal, nodeName: string): void {
  if (!signal.aborted) return;
  const reason: unknown = signal.reason;
  throw reason instanceof Error
    ? reason
    : new GuixuError('EXECUTION_CANCELED', 'The execution was canceled', { node: nodeName });
}

/** The item n8n emits for a failed input item when the node continues on fail. */
export function failedItem(error: unknown, itemIndex: number): Item {
  return { json: { error: messageOf(error) }, pairedItem: { item: itemIndex } };
}

/**
 * Runs `each` for every input item and collects what it returns, turning a
 * failure into an error item or a stopping error depending on `onError`.
 */
export function mapItems<P>(
  ctx: NodeRunContext<P>,
  each: (item: Item, itemIndex: number) => Item | Item[] | undefined,
): Item[] {
  const out: Item[] = [];
  const items = ctx.items;
  for (let i = 0; i < items.length; i++) {
    if ((i & 255) === 0) stopIfAborted(ctx.signal, ctx.node.name);
    try {
      const result = each(items[i], i);
      if (result === undefined) continue;
      if (Array.isArray(result)) {
        for (const entry of result) out.push(entry);
      } else {
        out.push(result);
      }
    } catch (error) {
      if (!ctx.continueOnFail()) throw itemError(error, ctx.node.name, i);
      out.push(failedItem(error, i));
    }
  }
  return out;
}

/** `mapItems` for work that awaits per item (binary streams, I/O); items run one after another. */
export async function mapItemsAsync<P>(
  ctx: NodeRunContext<P>,
  each: (item: Item, itemIndex: number) => Promise<Item | Item[] | undefined>,
): Promise<Item[]> {
  const out: Item[] = [];
  const items = ctx.items;
  for (let i = 0; i < items.length; i++) {
    stopIfAborted(ctx.signal, ctx.node.name);
    try {
      const result = await each(items[i], i);
      if (result === undefined) continue;
      if (Array.isArray(result)) out.push(...result);
      else out.push(result);
    } catch (error) {
      if (!ctx.continueOnFail()) throw itemError(error, ctx.node.name, i);
      out.push(failedItem(error, i));
    }
  }
  return out;
}

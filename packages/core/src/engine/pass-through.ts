import type { Item, PairedItem } from '../items.ts';

/**
 * Items a node returned unchanged (No-Op, Filter, Limit… or a disabled node)
 * still carry the previous hop's `pairedItem`. Like n8n, link them to their
 * position in this node's input instead, so `$('Earlier').item` follows the
 * right chain. New items a node made are left as they are.
 */
export function linkPassedThroughItems(outputs: Item[][], inputs: readonly Item[][]): Item[][] {
  let index: Map<Item, PairedItem> | undefined;
  const linkOf = (item: Item): PairedItem | undefined => {
    if (!index) {
      index = new Map();
      for (let input = 0; input < inputs.length; input++) {
        const list = inputs[input];
        for (let i = 0; i < list.length; i++) {
          if (!index.has(list[i])) index.set(list[i], input === 0 ? { item: i } : { item: i, input });
        }
      }
    }
    return index.get(item);
  };
  let changed: Item[][] | undefined;
  for (let o = 0; o < outputs.length; o++) {
    const list = outputs[o];
    let copy: Item[] | undefined;
    for (let k = 0; k < list.length; k++) {
      const link = linkOf(list[k]);
      if (!link) continue;
      copy ??= list.slice();
      copy[k] = { ...list[k], pairedItem: link };
    }
    if (copy) {
      changed ??= outputs.slice();
      changed[o] = copy;
    }
  }
  return changed ?? outputs;
}

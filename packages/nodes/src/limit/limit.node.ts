import { defineNode, p } from '@guixu/core';

/** Limit, parameters as n8n Limit v1. Output items are re-paired to their input positions. */
export default defineNode({
  type: 'guixu.limit',
  version: 1,
  displayName: 'Limit',
  description: 'Keeps only the first or last N items.',
  group: 'data',
  icon: 'list-end',
  defaultName: 'Limit',
  inputs: ['main'],
  outputs: ['main'],
  docs: 'Passes through at most "Max Items" items, taken from the start or the end of the input. Fewer input items pass through unchanged.',
  params: {
    maxItems: p.number({
      label: 'Max Items',
      description: 'If there are more items than this number, some are removed.',
      default: 1,
      min: 1,
      integer: true,
    }),
    keep: p.options({
      label: 'Keep',
      description: 'When removing items, whether to keep the ones at the start or the ending.',
      options: [
        { value: 'firstItems', label: 'First Items' },
        { value: 'lastItems', label: 'Last Items' },
      ],
      default: 'firstItems',
    }),
  },
  run(ctx) {
    const { maxItems, keep } = ctx.params(0);
    const items = ctx.items;
    const start = items.length <= maxItems || keep === 'firstItems' ? 0 : items.length - maxItems;
    const end = Math.min(items.length, start + maxItems);
    const kept = [];
    for (let i = start; i < end; i++) kept.push({ ...items[i], pairedItem: { item: i } });
    return [kept];
  },
});

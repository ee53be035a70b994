/** Item List Output Parser: the answer is a list, one entry per line (bullets and numbering removed). */
import { defineNode, p } from '@guixu/core';
import type { SuppliedOutputParser } from '../cluster/contracts.ts';
import { outputInvalid } from '../cluster/output-parser.ts';

/** Entries of a list answer: split at the separator, markers (-, *, •, 1., 1)) and blank entries removed. */
export function listItems(text: string, separator: string): string[] {
  const parts = separator === '\n' ? text.split(/\r?\n/) : text.split(separator);
  return parts
    .map((part) =>
      part
        .trim()
        .replace(/^(?:[-*•]|\d+[.)])\s+/, '')
        .trim(),
    )
    .filter(Boolean);
}

export default defineNode({
  type: 'guixu.outputParserItemList',
  version: 1,
  displayName: 'Item List Output Parser',
  description: 'Makes the chain or agent answer a list; the output is an array of strings.',
  group: 'ai',
  icon: 'list',
  inputs: [],
  outputs: [{ type: 'ai_outputParser', displayName: 'Output Parser' }],
  params: {
    options: p.collection({
      label: 'Options',
      fields: {
        numberOfItems: p.number({
          label: 'Number of Items',
          default: -1,
          integer: true,
          description: '-1 for any number; otherwise the list is cut to this many.',
        }),
        separator: p.string({ label: 'Separator', default: '\\n', description: '\\n is a new line.' }),
      },
    }),
  },
  run: () => [[]],
  supplyData(ctx, itemIndex): SuppliedOutputParser {
    const { options } = ctx.params(itemIndex);
    const count = options?.numberOfItems ?? -1;
    const separator = (options?.separator ?? '\\n').replaceAll('\\n', '\n');
    const shown = separator === '\n' ? 'new lines' : `"${separator}"`;
    return {
      kind: 'outputParser',
      instructions: `Your answer must be a list of ${count > 0 ? `exactly ${count}` : 'any number of'} items separated by ${shown}, with no other text.`,
      async parse(text) {
        const items = listItems(text, separator);
        if (items.length === 0) throw outputInvalid('The model’s answer has no list items', text);
        return count > 0 ? items.slice(0, count) : items;
      },
    };
  },
});

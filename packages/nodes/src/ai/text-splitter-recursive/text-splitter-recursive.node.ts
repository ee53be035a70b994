import { defineNode, p } from '@guixu/core';
import type { SuppliedSplitter } from '../cluster/contracts.ts';
import { MARKDOWN_SEPARATORS, PLAIN_SEPARATORS, splitText } from './recursive-split.ts';

export default defineNode({
  type: 'guixu.textSplitterRecursiveCharacter',
  version: 1,
  displayName: 'Recursive Character Text Splitter',
  description: 'Splits documents into overlapping chunks at paragraphs, lines, words (or Markdown headings).',
  group: 'ai',
  icon: 'scissors',
  inputs: [],
  outputs: [{ type: 'ai_textSplitter', displayName: 'Text Splitter' }],
  params: {
    chunkSize: p.number({
      label: 'Chunk Size',
      default: 1000,
      min: 1,
      integer: true,
      description: 'In characters.',
    }),
    chunkOverlap: p.number({ label: 'Chunk Overlap', default: 200, min: 0, integer: true }),
    markdown: p.boolean({
      label: 'Markdown-aware',
      default: false,
      description: 'Cut at headings and code fences first.',
    }),
  },
  run: () => [[]],
  supplyData(ctx, itemIndex): SuppliedSplitter {
    const { chunkSize, chunkOverlap, markdown } = ctx.params(itemIndex);
    const separators = markdown ? MARKDOWN_SEPARATORS : PLAIN_SEPARATORS;
    return { kind: 'splitter', split: (text) => splitText(text, { chunkSize, chunkOverlap, separators }) };
  },
});

import { defineNode, p } from '@guixu/core';
import type { SuppliedSplitter } from '../cluster/contracts.ts';
import { splitMarkdown } from './markdown-split.ts';

export default defineNode({
  type: 'guixu.textSplitterMarkdown',
  version: 1,
  displayName: 'Markdown Text Splitter',
  description: 'Splits Markdown at its headings first, so that no chunk mixes two sections.',
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
    chunkOverlap: p.number({ label: 'Chunk Overlap', default: 0, min: 0, integer: true }),
    headingLevel: p.number({
      label: 'Split at Headings Down To',
      default: 3,
      min: 1,
      max: 6,
      integer: true,
      description: '1 cuts at # headings only; 3 at #, ## and ###.',
    }),
  },
  run: () => [[]],
  supplyData(ctx, itemIndex): SuppliedSplitter {
    const { chunkSize, chunkOverlap, headingLevel } = ctx.params(itemIndex);
    return {
      kind: 'splitter',
      split: (text) => splitMarkdown(text, { chunkSize, chunkOverlap, headingLevel }),
    };
  },
});

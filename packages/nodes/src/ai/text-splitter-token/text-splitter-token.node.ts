import { defineNode, p } from '@guixu/core';
import type { SuppliedSplitter } from '../cluster/contracts.ts';
import { splitByTokens } from './token-split.ts';

type Encoding = 'o200k_base' | 'cl100k_base';

/** The tokenizers, loaded on first use (each is a few MB of tables). */
const tokenizers = new Map<Encoding, Promise<(text: string) => number>>();
function tokenCounter(encoding: Encoding): Promise<(text: string) => number> {
  let counter = tokenizers.get(encoding);
  if (!counter) {
    counter = (
      encoding === 'cl100k_base'
        ? import('gpt-tokenizer/encoding/cl100k_base')
        : import('gpt-tokenizer/encoding/o200k_base')
    ).then((m) => (text: string) => m.countTokens(text));
    tokenizers.set(encoding, counter);
  }
  return counter;
}

export default defineNode({
  type: 'guixu.textSplitterTokenSplitter',
  version: 1,
  displayName: 'Token Splitter',
  description: 'Splits documents into chunks of a number of model tokens, at word boundaries.',
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
      description: 'In tokens.',
    }),
    chunkOverlap: p.number({ label: 'Chunk Overlap', default: 0, min: 0, integer: true }),
    encoding: p.options({
      label: 'Tokenizer',
      options: [
        { value: 'o200k_base', label: 'o200k_base (GPT-4o, GPT-4.1, o-series)' },
        { value: 'cl100k_base', label: 'cl100k_base (GPT-4, GPT-3.5, text-embedding-3)' },
      ],
      default: 'cl100k_base',
    }),
  },
  docs: 'Token counts are those of OpenAI tokenizers; other models count differently, so leave some room below their limits.',
  run: () => [[]],
  async supplyData(ctx, itemIndex): Promise<SuppliedSplitter> {
    const { chunkSize, chunkOverlap, encoding } = ctx.params(itemIndex);
    const countTokens = await tokenCounter(encoding);
    return {
      kind: 'splitter',
      split: (text) => splitByTokens(text, { chunkSize, chunkOverlap, countTokens }),
    };
  },
});

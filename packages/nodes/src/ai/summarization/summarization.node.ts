/**
 * Summarization Chain (map-reduce): long text is split into chunks, each chunk is
 * summarized, and the summaries are combined — again in rounds while they are still
 * longer than one chunk — into one summary.
 */
import { defineNode, p } from '@guixu/core';
import { mapItemsAsync } from '../../shared/item-errors.ts';
import { promptOf } from '../cluster/default-expression.ts';
import { type MeteredModel, meteredModel } from '../cluster/metered-model.ts';
import { suppliedOne, suppliedOptional } from '../cluster/sub-nodes.ts';
import { PLAIN_SEPARATORS, splitText } from '../text-splitter-recursive/recursive-split.ts';

const MAX_ROUNDS = 5;

export default defineNode({
  type: 'guixu.chainSummarization',
  version: 1,
  displayName: 'Summarization Chain',
  description: 'Summarizes long text map-reduce style: each chunk, then the summaries together.',
  group: 'ai',
  icon: 'compress',
  inputs: [
    'main',
    { type: 'ai_languageModel', displayName: 'Chat Model', required: true, maxConnections: 1 },
    { type: 'ai_textSplitter', displayName: 'Text Splitter', maxConnections: 1 },
  ],
  outputs: ['main'],
  params: {
    text: p.string({ label: 'Text', default: '={{ $json.text }}', rows: 3, required: true }),
    chunkSize: p.number({
      label: 'Chunk Size',
      default: 6000,
      min: 100,
      integer: true,
      description: 'Characters per chunk when no Text Splitter is connected.',
    }),
    mapPrompt: p.string({
      label: 'Chunk Prompt',
      rows: 3,
      default: 'Write a concise summary of the following text:',
    }),
    combinePrompt: p.string({
      label: 'Combine Prompt',
      rows: 3,
      default: 'Combine these partial summaries into one concise summary:',
    }),
  },
  docs: 'Outputs `summary`, `chunks` (how many pieces were summarized) and `usage` over every model call.',
  async run(ctx) {
    const out = await mapItemsAsync(ctx, async (_item, i) => {
      const params = ctx.params(i);
      const text = promptOf(ctx, params.text, i);
      const { model } = await suppliedOne(ctx, 'chatModel', i);
      const splitter = await suppliedOptional(ctx, 'splitter', i);
      const split = (t: string) =>
        (
          splitter?.split(t) ??
          splitText(t, { chunkSize: params.chunkSize, chunkOverlap: 0, separators: PLAIN_SEPARATORS })
        ).map((c) => c.text);
      const metered = meteredModel(ctx, model);
      const chunks = split(text);
      let summaries = await summarizeAll(metered, params.mapPrompt, chunks);
      for (let round = 0; summaries.length > 1 && round < MAX_ROUNDS; round++) {
        summaries = await summarizeAll(metered, params.combinePrompt, split(summaries.join('\n\n')));
      }
      return {
        json: { summary: summaries.join('\n\n'), chunks: chunks.length, usage: metered.take() },
        pairedItem: { item: i },
      };
    });
    return [out];
  },
});

async function summarizeAll(
  model: MeteredModel,
  instruction: string,
  pieces: readonly string[],
): Promise<string[]> {
  const out: string[] = [];
  for (const piece of pieces) {
    const answer = await model.generate({
      messages: [{ role: 'user', content: `${instruction}\n\n${piece}` }],
    });
    out.push(answer.text.trim());
  }
  return out;
}

/**
 * MultiQuery Retriever: the model writes other wordings of the question, the
 * connected retriever runs each (and the question itself), and the documents are
 * merged, each once.
 */
import { defineNode, p } from '@guixu/core';
import type { SuppliedRetriever } from '../cluster/contracts.ts';
import { meteredModel } from '../cluster/metered-model.ts';
import { uniqueDocuments } from '../cluster/retrieval.ts';
import { suppliedOne } from '../cluster/sub-nodes.ts';

const DEFAULT_PROMPT = [
  'You are an AI language model assistant. Your task is to generate {queryCount} different versions of the',
  'given user question to retrieve relevant documents from a vector database. By generating multiple',
  'perspectives on the user question, your goal is to help the user overcome some of the limitations of',
  'distance-based similarity search. Provide these alternative questions separated by newlines, and nothing else.',
  'Original question: {question}',
].join('\n');

/** The model's lines as queries: numbering and bullets dropped, blank lines skipped. */
export function queriesOf(text: string, count: number): string[] {
  return text
    .split('\n')
    .map((line) => line.replace(/^\s*(?:[-*•]|\d+[.)])\s*/, '').trim())
    .filter(Boolean)
    .slice(0, count);
}

export default defineNode({
  type: 'guixu.retrieverMultiQuery',
  version: 1,
  displayName: 'MultiQuery Retriever',
  description: 'Asks a model for other wordings of the question and retrieves documents for each.',
  group: 'ai',
  icon: 'magnifying-glass-plus',
  inputs: [
    { type: 'ai_languageModel', displayName: 'Model', required: true, maxConnections: 1 },
    { type: 'ai_retriever', displayName: 'Retriever', required: true, maxConnections: 1 },
  ],
  outputs: [{ type: 'ai_retriever', displayName: 'Retriever' }],
  params: {
    options: p.collection({
      label: 'Options',
      fields: {
        queryCount: p.number({
          label: 'Query Count',
          default: 3,
          min: 1,
          max: 10,
          integer: true,
          description: 'Other wordings to ask the model for.',
        }),
        prompt: p.string({
          label: 'Prompt',
          default: DEFAULT_PROMPT,
          rows: 6,
          description: 'With {question} and {queryCount}.',
        }),
      },
    }),
  },
  docs: 'One model call per question; the question itself is searched too, so a poor rewording never loses the plain search.',
  run: () => [[]],
  async supplyData(ctx, itemIndex): Promise<SuppliedRetriever> {
    const { options } = ctx.params(itemIndex);
    const count = options?.queryCount ?? 3;
    const template = options?.prompt || DEFAULT_PROMPT;
    const { model } = await suppliedOne(ctx, 'chatModel', itemIndex);
    const retriever = await suppliedOne(ctx, 'retriever', itemIndex);
    const metered = meteredModel(ctx, model);
    return {
      kind: 'retriever',
      async retrieve(question, signal) {
        const prompt = template.replaceAll('{question}', question).replaceAll('{queryCount}', String(count));
        const answer = await metered.generate({ messages: [{ role: 'user', content: prompt }] });
        const queries = [question, ...queriesOf(answer.text, count).filter((q) => q !== question)];
        const found = [];
        for (const query of queries) found.push(await retriever.retrieve(query, signal));
        return uniqueDocuments(found);
      },
    };
  },
});

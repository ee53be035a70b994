/**
 * Question and Answer Chain: per item, the connected retriever finds the documents
 * for the question and the chat model answers from them; the answer cites them.
 */
import { defineNode, p } from '@guixu/core';
import { mapItemsAsync } from '../../shared/item-errors.ts';
import { promptOf } from '../cluster/default-expression.ts';
import { textStream } from '../cluster/host-services.ts';
import { meteredModel } from '../cluster/metered-model.ts';
import { answerFromDocuments, DEFAULT_QA_SYSTEM, documentJson } from '../cluster/retrieval.ts';
import { suppliedOne } from '../cluster/sub-nodes.ts';

export default defineNode({
  type: 'guixu.chainRetrievalQa',
  version: 1,
  displayName: 'Question and Answer Chain',
  description: 'Answers a question from the documents a retriever finds, citing their sources.',
  group: 'ai',
  icon: 'link',
  inputs: [
    'main',
    { type: 'ai_languageModel', displayName: 'Chat Model', required: true, maxConnections: 1 },
    { type: 'ai_retriever', displayName: 'Retriever', required: true, maxConnections: 1 },
  ],
  outputs: ['main'],
  params: {
    query: p.string({ label: 'Query', default: '={{ $json.chatInput }}', rows: 2, required: true }),
    systemPrompt: p.string({
      label: 'System Prompt Template',
      default: DEFAULT_QA_SYSTEM,
      rows: 6,
      description: '{context} is replaced by the documents found, each numbered with its source.',
    }),
    includeDocuments: p.boolean({
      label: 'Include Documents',
      default: false,
      description: 'Add the documents found (text, metadata, score) as `documents`.',
    }),
  },
  docs: [
    'Outputs `response` (the answer), `sources` (one citation per document: `n`, `source`, `documentId`, `chunk`,',
    '`start`, `end`, `score`; the prompt numbers the documents so the answer can cite `[n]`), optionally',
    '`documents`, and `usage`. The answer streams to a chat when the host asks for it.',
  ].join('\n'),
  async run(ctx) {
    const stream = textStream(ctx);
    const out = await mapItemsAsync(ctx, async (_item, i) => {
      const params = ctx.params(i);
      const question = promptOf(ctx, params.query, i);
      const { model } = await suppliedOne(ctx, 'chatModel', i);
      const retriever = await suppliedOne(ctx, 'retriever', i);
      const metered = meteredModel(ctx, model);
      const docs = await retriever.retrieve(question, ctx.signal);
      const { answer, sources } = await answerFromDocuments(metered, {
        question,
        docs,
        system: params.systemPrompt,
        onText: stream,
      });
      return {
        json: {
          response: answer,
          sources,
          ...(params.includeDocuments ? { documents: docs.map(documentJson) } : {}),
          usage: metered.take(),
        },
        pairedItem: { item: i },
      };
    });
    return [out];
  },
});

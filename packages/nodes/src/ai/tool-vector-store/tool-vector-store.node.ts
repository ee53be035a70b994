/**
 * Vector Store Tool (n8n's "Answer questions with a vector store"): the agent asks a
 * question; the tool retrieves the closest chunks of the connected store and has its
 * own model answer from them, citing their sources.
 */
import { defineNode, p } from '@guixu/core';
import type { AgentTool } from '../cluster/contracts.ts';
import { meteredModel } from '../cluster/metered-model.ts';
import { answerFromDocuments } from '../cluster/retrieval.ts';
import { suppliedOne } from '../cluster/sub-nodes.ts';
import { toolNameOf } from '../cluster/tool-name.ts';

export default defineNode({
  type: 'guixu.toolVectorStore',
  version: 1,
  displayName: 'Vector Store Tool',
  description: 'A tool for an AI Agent: answers a question from a vector store with a model, citing sources.',
  group: 'ai',
  icon: 'database',
  inputs: [
    { type: 'ai_vectorStore', displayName: 'Vector Store', required: true, maxConnections: 1 },
    { type: 'ai_languageModel', displayName: 'Model', required: true, maxConnections: 1 },
  ],
  outputs: [{ type: 'ai_tool', displayName: 'Tool' }],
  params: {
    name: p.string({ label: 'Name', description: 'How the model calls it (default: from the node name).' }),
    description: p.string({
      label: 'Description of Data',
      rows: 3,
      required: true,
      default: 'the knowledge base',
      description:
        'What the store holds, e.g. "the employee handbook"; the model reads it to decide when to ask.',
    }),
    topK: p.number({
      label: 'Limit',
      default: 4,
      min: 1,
      max: 100,
      integer: true,
      description: 'Chunks the answer is written from.',
    }),
  },
  docs: [
    'The agent gets `{ answer, sources }`: the model’s answer from the best chunks, and one citation per chunk',
    '(`n`, `source`, `documentId`, `chunk`, `start`, `end`, `score`) numbered as the answer cites them.',
  ].join('\n'),
  run: () => [[]],
  async supplyData(ctx, itemIndex): Promise<AgentTool> {
    const params = ctx.params(itemIndex);
    const store = await suppliedOne(ctx, 'vectorStore', itemIndex);
    const { model } = await suppliedOne(ctx, 'chatModel', itemIndex);
    const metered = meteredModel(ctx, model);
    const data = params.description.trim() || 'the knowledge base';
    return {
      kind: 'tool',
      name: toolNameOf(params.name, ctx.node.name),
      description: `Useful for when you need to answer questions about ${data}. Whenever you need information about ${data}, you should ALWAYS use this. Input should be a fully formed question.`,
      inputSchema: {
        type: 'object',
        properties: { query: { type: 'string', description: 'The question, fully formed' } },
        required: ['query'],
      },
      async run(input, signal) {
        const query =
          typeof input === 'object' && input !== null
            ? String((input as { query?: unknown }).query ?? '')
            : '';
        const docs = await store.search(query, params.topK, signal);
        return answerFromDocuments(metered, { question: query, docs });
      },
    };
  },
});

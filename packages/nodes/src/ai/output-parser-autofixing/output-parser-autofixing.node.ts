/**
 * Auto-fixing Output Parser: parses with the connected parser; when the answer does
 * not fit, asks its own chat model once to correct it (given the format instructions
 * and the error), then parses the corrected answer.
 */
import { defineNode, GuixuError, p } from '@guixu/core';
import type { SuppliedOutputParser } from '../cluster/contracts.ts';
import { meteredModel } from '../cluster/metered-model.ts';
import { suppliedOne, suppliedOptional } from '../cluster/sub-nodes.ts';

const DEFAULT_PROMPT = [
  'Instructions:',
  '--------------',
  '{instructions}',
  '--------------',
  'Completion:',
  '--------------',
  '{completion}',
  '--------------',
  '',
  'Above, the Completion did not satisfy the constraints given in the Instructions.',
  'Error:',
  '--------------',
  '{error}',
  '--------------',
  '',
  'Please try again. Please only respond with an answer that satisfies the constraints laid out in the Instructions:',
].join('\n');

export default defineNode({
  type: 'guixu.outputParserAutofixing',
  version: 1,
  displayName: 'Auto-fixing Output Parser',
  description:
    'Parses with another output parser and, when the answer does not fit, asks a model to fix it once.',
  group: 'ai',
  icon: 'wrench',
  inputs: [
    { type: 'ai_languageModel', displayName: 'Model', required: true, maxConnections: 1 },
    { type: 'ai_outputParser', displayName: 'Output Parser', required: true, maxConnections: 1 },
  ],
  outputs: [{ type: 'ai_outputParser', displayName: 'Output Parser' }],
  params: {
    options: p.collection({
      label: 'Options',
      fields: {
        prompt: p.string({
          label: 'Retry Prompt',
          default: DEFAULT_PROMPT,
          rows: 6,
          description: 'With {instructions}, {completion} and {error}.',
        }),
      },
    }),
  },
  run: () => [[]],
  async supplyData(ctx, itemIndex): Promise<SuppliedOutputParser> {
    const inner = await suppliedOptional(ctx, 'outputParser', itemIndex);
    if (!inner) {
      throw new GuixuError(
        'AI_SUB_NODE_MISSING',
        `Node "${ctx.node.name}" needs an Output Parser connected`,
        {
          node: ctx.node.name,
          description:
            'Connect the parser to fix (e.g. Structured Output Parser) to its "Output Parser" input.',
        },
      );
    }
    const { model } = await suppliedOne(ctx, 'chatModel', itemIndex);
    const template = ctx.params(itemIndex).options?.prompt ?? DEFAULT_PROMPT;
    return {
      kind: 'outputParser',
      instructions: inner.instructions,
      ...(inner.schema ? { schema: inner.schema } : {}),
      async parse(text, signal) {
        try {
          return await inner.parse(text, signal);
        } catch (error) {
          const message = error instanceof Error ? error.message : String(error);
          const prompt = template
            .replaceAll('{instructions}', inner.instructions)
            .replaceAll('{completion}', text)
            .replaceAll('{error}', message);
          const answer = await meteredModel(ctx, model).generate({
            messages: [{ role: 'user', content: prompt }],
          });
          return inner.parse(answer.text, signal);
        }
      },
    };
  },
});

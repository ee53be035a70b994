/**
 * Sentiment Analysis: the chat model rates each item's text into one of the
 * sentiment categories (Positive, Neutral, Negative by default); one output per
 * category. With detailed results the item also gets a strength and a confidence.
 */
import { defineNode, GuixuError, type Item, type JsonObject, p } from '@guixu/core';
import { failedItem, itemError } from '../../shared/item-errors.ts';
import { promptOf } from '../cluster/default-expression.ts';
import { structuredAnswer } from '../cluster/structured-answer.ts';

const DEFAULT_CATEGORIES = 'Positive, Neutral, Negative';
const DEFAULT_SYSTEM_PROMPT =
  'You are highly intelligent and accurate sentiment analyzer. Analyze the sentiment of the provided text. Categorize it into one of the following: {categories}. Use the provided formatting instructions. Only output the JSON.';

function categoriesOf(params: { options?: { categories?: string } }): string[] {
  const text = params.options?.categories ?? DEFAULT_CATEGORIES;
  return [
    ...new Set(
      text
        .split(',')
        .map((c) => c.trim())
        .filter(Boolean),
    ),
  ];
}

const clamp01 = (value: unknown) =>
  typeof value === 'number' && Number.isFinite(value) ? Math.min(1, Math.max(0, value)) : null;

export default defineNode({
  type: 'guixu.sentimentAnalysis',
  version: 1,
  displayName: 'Sentiment Analysis',
  description: 'Rates the sentiment of each item’s text with the chat model; one output per sentiment.',
  group: 'ai',
  icon: 'smile',
  inputs: [
    'main',
    { type: 'ai_languageModel', displayName: 'Chat Model', required: true, maxConnections: 1 },
  ],
  outputs: (params) => categoriesOf(params).map(() => 'main' as const),
  outputNames: (params) => categoriesOf(params),
  params: {
    inputText: p.string({ label: 'Text to Analyze', default: '={{ $json.text }}', rows: 3, required: true }),
    options: p.collection({
      label: 'Options',
      fields: {
        categories: p.string({
          label: 'Sentiment Categories',
          default: DEFAULT_CATEGORIES,
          description: 'Comma-separated; each becomes an output, in this order.',
        }),
        includeDetailedResults: p.boolean({
          label: 'Include Detailed Results',
          default: false,
          description: 'Adds strength (0–1) and confidence (0–1) to the output.',
        }),
        systemPromptTemplate: p.string({
          label: 'System Prompt',
          rows: 3,
          default: DEFAULT_SYSTEM_PROMPT,
        }),
      },
    }),
  },
  docs: 'The output item is the input item plus `sentimentAnalysis: { category, strength?, confidence? }` and `usage`.',
  async run(ctx) {
    const names = categoriesOf(ctx.params(0));
    const outputs: Item[][] = names.map(() => []);
    for (let i = 0; i < ctx.items.length; i++) {
      try {
        const params = ctx.params(i);
        const categories = categoriesOf(params);
        if (categories.length === 0) {
          throw new GuixuError('AI_CATEGORIES_MISSING', 'Give at least one sentiment category', {
            parameter: 'options.categories',
          });
        }
        const detailed = params.options?.includeDetailedResults === true;
        const template = params.options?.systemPromptTemplate || DEFAULT_SYSTEM_PROMPT;
        const { output, usage } = await structuredAnswer(ctx, i, {
          system: template.replaceAll('{categories}', categories.join(', ')),
          prompt: promptOf(ctx, params.inputText, i),
          schema: {
            type: 'object',
            properties: {
              sentiment: { type: 'string', enum: categories },
              ...(detailed
                ? {
                    strength: { type: 'number', description: 'How strong the sentiment is, 0 to 1' },
                    confidence: { type: 'number', description: 'How sure you are, 0 to 1' },
                  }
                : {}),
            },
            required: detailed ? ['sentiment', 'strength', 'confidence'] : ['sentiment'],
          },
        });
        const answer = output as { sentiment?: unknown; strength?: unknown; confidence?: unknown };
        const category = typeof answer.sentiment === 'string' ? answer.sentiment : '';
        const index = names.indexOf(category);
        if (index < 0) continue;
        const item = ctx.items[i] as Item;
        const sentimentAnalysis: JsonObject = detailed
          ? { category, strength: clamp01(answer.strength), confidence: clamp01(answer.confidence) }
          : { category };
        outputs[index]?.push({ json: { ...item.json, sentimentAnalysis, usage }, pairedItem: { item: i } });
      } catch (error) {
        if (!ctx.continueOnFail()) throw itemError(error, ctx.node.name, i);
        outputs[0]?.push(failedItem(error, i));
      }
    }
    return outputs;
  },
});

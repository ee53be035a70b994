/** Text Classifier: the chat model picks the categories of each item; one output per category. */
import { defineNode, GuixuError, type Item, p } from '@guixu/core';
import { failedItem, itemError } from '../../shared/item-errors.ts';
import { promptOf } from '../cluster/default-expression.ts';
import { structuredAnswer } from '../cluster/structured-answer.ts';

interface Category {
  category: string;
  description: string;
}

const categoriesOf = (params: { categories?: readonly Category[] }) => params.categories ?? [];
const withOther = (params: { categories?: readonly Category[]; fallback?: string }) =>
  params.fallback === 'other'
    ? [...categoriesOf(params).map((c) => c.category), 'Other']
    : categoriesOf(params).map((c) => c.category);

export default defineNode({
  type: 'guixu.textClassifier',
  version: 1,
  displayName: 'Text Classifier',
  description: 'Sorts items into the categories you describe, with the chat model; one output per category.',
  group: 'ai',
  icon: 'tags',
  inputs: [
    'main',
    { type: 'ai_languageModel', displayName: 'Chat Model', required: true, maxConnections: 1 },
  ],
  outputs: (params) => withOther(params).map(() => 'main' as const),
  outputNames: (params) => withOther(params),
  params: {
    inputText: p.string({ label: 'Text to Classify', default: '={{ $json.text }}', rows: 3, required: true }),
    categories: p.list({
      label: 'Categories',
      minItems: 1,
      fields: {
        category: p.string({ label: 'Category', required: true }),
        description: p.string({ label: 'Description' }),
      },
    }),
    multiClass: p.boolean({ label: 'Allow Multiple Classes To Be True', default: false }),
    fallback: p.options({
      label: 'When No Clear Match',
      options: [
        { value: 'discard', label: 'Discard Item' },
        { value: 'other', label: 'Output on Extra, "Other" Branch' },
      ],
      default: 'discard',
    }),
    systemPrompt: p.string({
      label: 'System Prompt',
      rows: 3,
      default: 'Please classify the text provided by the user into one of the following categories',
    }),
  },
  async run(ctx) {
    const names = withOther(ctx.params(0));
    const outputs: Item[][] = names.map(() => []);
    for (let i = 0; i < ctx.items.length; i++) {
      try {
        const params = ctx.params(i);
        const list = categoriesOf(params);
        if (list.length === 0) {
          throw new GuixuError('AI_CATEGORIES_MISSING', 'Add at least one category', {
            parameter: 'categories',
          });
        }
        const allowed = withOther(params);
        const described = list
          .map((c) => `- ${c.category}${c.description ? `: ${c.description}` : ''}`)
          .join('\n');
        const { output, usage } = await structuredAnswer(ctx, i, {
          system: `${params.systemPrompt}:\n${described}\n${params.multiClass ? 'Pick every category that applies.' : 'Pick exactly one category.'}${params.fallback === 'other' ? ' Pick "Other" when none fits.' : ''}`,
          prompt: promptOf(ctx, params.inputText, i),
          schema: {
            type: 'object',
            properties: { categories: { type: 'array', items: { type: 'string', enum: allowed } } },
            required: ['categories'],
          },
        });
        const picked = (output as { categories?: unknown }).categories;
        const chosen = Array.isArray(picked) ? picked.filter((c): c is string => typeof c === 'string') : [];
        const targets = params.multiClass ? chosen : chosen.slice(0, 1);
        for (const name of targets) {
          const index = names.indexOf(name);
          const item = ctx.items[i] as Item;
          if (index >= 0) outputs[index]?.push({ json: { ...item.json, usage }, pairedItem: { item: i } });
        }
      } catch (error) {
        if (!ctx.continueOnFail()) throw itemError(error, ctx.node.name, i);
        outputs[0]?.push(failedItem(error, i));
      }
    }
    return outputs;
  },
});

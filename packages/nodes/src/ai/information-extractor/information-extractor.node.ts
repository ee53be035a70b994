/** Information Extractor: fields pulled out of text by the chat model, checked against their schema. */
import { defineNode, GuixuError, p } from '@guixu/core';
import type { JSONSchema7 } from 'ai';
import { mapItemsAsync } from '../../shared/item-errors.ts';
import { promptOf } from '../cluster/default-expression.ts';
import { schemaParam, structuredAnswer } from '../cluster/structured-answer.ts';

const TYPES = { string: 'string', number: 'number', boolean: 'boolean', date: 'string' } as const;

export default defineNode({
  type: 'guixu.informationExtractor',
  version: 1,
  displayName: 'Information Extractor',
  description: 'Extracts the fields you describe from text, as JSON checked against their types.',
  group: 'ai',
  icon: 'project-diagram',
  inputs: [
    'main',
    { type: 'ai_languageModel', displayName: 'Chat Model', required: true, maxConnections: 1 },
  ],
  outputs: ['main'],
  params: {
    text: p.string({ label: 'Text', default: '={{ $json.text }}', rows: 3, required: true }),
    schemaType: p.options({
      label: 'Schema Type',
      options: [
        { value: 'fromAttributes', label: 'From Attribute Descriptions' },
        { value: 'manual', label: 'JSON Schema' },
      ],
      default: 'fromAttributes',
    }),
    attributes: p.list({
      label: 'Attributes',
      displayOptions: { show: { schemaType: ['fromAttributes'] } },
      fields: {
        name: p.string({ label: 'Name', required: true }),
        type: p.options({
          label: 'Type',
          options: (['string', 'number', 'boolean', 'date'] as const).map((t) => ({ value: t, label: t })),
          default: 'string',
        }),
        description: p.string({ label: 'Description' }),
        required: p.boolean({ label: 'Required', default: false }),
      },
    }),
    jsonSchema: p.json({ label: 'JSON Schema', displayOptions: { show: { schemaType: ['manual'] } } }),
    systemPrompt: p.string({
      label: 'System Prompt',
      rows: 3,
      default:
        'You are an expert extraction algorithm. Only extract relevant information from the text. If you do not know the value of an attribute, omit it.',
    }),
  },
  async run(ctx) {
    const out = await mapItemsAsync(ctx, async (_item, i) => {
      const params = ctx.params(i);
      const text = promptOf(ctx, params.text, i);
      const schema =
        params.schemaType === 'manual'
          ? schemaParam(params.jsonSchema, 'jsonSchema')
          : attributeSchema(params.attributes);
      const { output, usage } = await structuredAnswer(ctx, i, {
        system: params.systemPrompt,
        prompt: text,
        schema,
      });
      return { json: { output, usage }, pairedItem: { item: i } };
    });
    return [out];
  },
});

function attributeSchema(
  attributes: readonly { name: string; type: keyof typeof TYPES; description: string; required: boolean }[],
): JSONSchema7 {
  if (attributes.length === 0) {
    throw new GuixuError('AI_SCHEMA_INVALID', 'Describe at least one attribute to extract', {
      parameter: 'attributes',
    });
  }
  const properties: Record<string, JSONSchema7> = {};
  for (const a of attributes) {
    properties[a.name] = {
      type: TYPES[a.type],
      ...(a.type === 'date'
        ? { description: `${a.description} (ISO 8601 date)`.trim() }
        : a.description
          ? { description: a.description }
          : {}),
    };
  }
  return { type: 'object', properties, required: attributes.filter((a) => a.required).map((a) => a.name) };
}

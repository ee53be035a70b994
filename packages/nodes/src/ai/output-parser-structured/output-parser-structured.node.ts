/** Structured Output Parser: the answer must be JSON fitting a schema (given as a schema or an example). */
import { defineNode, GuixuError, p } from '@guixu/core';
import type { JSONSchema7 } from 'ai';
import type { SuppliedOutputParser } from '../cluster/contracts.ts';
import {
  compiledSchema,
  normalizedSchema,
  parseWithSchema,
  schemaFromExample,
} from '../cluster/output-parser.ts';
import { schemaParam } from '../cluster/structured-answer.ts';

function jsonParam(value: unknown, parameter: string): unknown {
  if (typeof value !== 'string') return value;
  try {
    return JSON.parse(value);
  } catch {
    throw new GuixuError('AI_SCHEMA_INVALID', `"${parameter}" is not valid JSON`, { parameter });
  }
}

export default defineNode({
  type: 'guixu.outputParserStructured',
  version: 1,
  displayName: 'Structured Output Parser',
  description: 'Makes the chain or agent answer JSON that fits a schema.',
  group: 'ai',
  icon: 'braces',
  inputs: [],
  outputs: [{ type: 'ai_outputParser', displayName: 'Output Parser' }],
  params: {
    schemaType: p.options({
      label: 'Schema Type',
      options: [
        { value: 'fromJson', label: 'Generate From JSON Example' },
        { value: 'manual', label: 'Define Using JSON Schema' },
      ],
      default: 'fromJson',
    }),
    jsonSchemaExample: p.json({
      label: 'JSON Example',
      default: { state: 'California', cities: ['Los Angeles', 'San Francisco', 'San Diego'] },
      displayOptions: { show: { schemaType: ['fromJson'] } },
    }),
    inputSchema: p.json({
      label: 'Input Schema',
      default: {
        type: 'object',
        properties: { state: { type: 'string' }, cities: { type: 'array', items: { type: 'string' } } },
      },
      displayOptions: { show: { schemaType: ['manual'] } },
    }),
  },
  run: () => [[]],
  supplyData(ctx, itemIndex): SuppliedOutputParser {
    const params = ctx.params(itemIndex);
    const schema: JSONSchema7 =
      params.schemaType === 'manual'
        ? schemaParam(normalizedSchema(jsonParam(params.inputSchema, 'inputSchema')), 'inputSchema')
        : schemaFromExample(jsonParam(params.jsonSchemaExample, 'jsonSchemaExample'));
    // Checked now: a schema zod cannot read fails before any model call.
    compiledSchema(schema, params.schemaType === 'manual' ? 'inputSchema' : 'jsonSchemaExample');
    return {
      kind: 'outputParser',
      schema,
      instructions: `Answer only with JSON that fits this JSON Schema, without any other text:\n${JSON.stringify(schema)}`,
      parse: async (text) => parseWithSchema(text, schema),
    };
  },
});

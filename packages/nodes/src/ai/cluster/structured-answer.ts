/**
 * One schema-checked answer for an item from the connected chat model: what the
 * Information Extractor and Text Classifier ask (and the LLM Chain in JSON mode).
 */
import { GuixuError, type JsonObject, type JsonValue, type NodeRunContext } from '@guixu/core';
import type { JSONSchema7 } from 'ai';
import { toJson } from './json.ts';
import { meteredModel } from './metered-model.ts';
import { suppliedOne } from './sub-nodes.ts';

export interface StructuredQuestion {
  system?: string;
  prompt: string;
  schema: JSONSchema7;
}

export async function structuredAnswer(
  ctx: NodeRunContext,
  itemIndex: number,
  question: StructuredQuestion,
): Promise<{ output: JsonValue; usage: JsonObject }> {
  const { model } = await suppliedOne(ctx, 'chatModel', itemIndex);
  const metered = meteredModel(ctx, model);
  const answer = await metered.generate({
    system: question.system,
    messages: [{ role: 'user', content: question.prompt }],
    schema: question.schema,
  });
  return { output: toJson(answer.object), usage: metered.take() };
}

/** A JSON Schema parameter: an object, or a clear error naming the parameter. */
export function schemaParam(value: unknown, parameter: string): JSONSchema7 {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new GuixuError('AI_SCHEMA_INVALID', 'The JSON Schema must be an object', {
      parameter,
      description: 'Enter a JSON Schema such as {"type":"object","properties":{…}}.',
    });
  }
  return value as JSONSchema7;
}

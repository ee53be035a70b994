/**
 * Basic LLM Chain: one prompt per item to the connected chat model; text, JSON checked
 * against a schema, or the answer parsed by a connected Output Parser.
 */
import { defineNode, GuixuError, type JsonObject, p } from '@guixu/core';
import { promptOf } from '../cluster/default-expression.ts';
import { mapItemsAsync } from '../../shared/item-errors.ts';
import { toJson } from '../cluster/json.ts';
import { schemaParam } from '../cluster/structured-answer.ts';
import { meteredModel } from '../cluster/metered-model.ts';
import { suppliedOne } from '../cluster/sub-nodes.ts';
import { textStream } from '../cluster/host-services.ts';
import { promptTemplateParams, templatedPrompt } from '../cluster/prompt-template.ts';
import { appliedOutputParser, outputParserParams, withFormatInstructions } from '../cluster/output-parser.ts';

export default defineNode({
  type: 'guixu.chainLlm',
  version: 1,
  displayName: 'Basic LLM Chain',
  description: 'Sends a prompt to a chat model and outputs its answer, as text or as JSON fitting a schema.',
  group: 'ai',
  icon: 'link',
  inputs: [
    'main',
    { type: 'ai_languageModel', displayName: 'Chat Model', required: true, maxConnections: 1 },
    { type: 'ai_outputParser', displayName: 'Output Parser', maxConnections: 1 },
  ],
  outputs: ['main'],
  params: {
    prompt: p.string({ label: 'Prompt', default: '={{ $json.chatInput }}', rows: 4, required: true }),
    systemMessage: p.string({ label: 'System Message', rows: 4 }),
    outputFormat: p.options({
      label: 'Output',
      options: [
        { value: 'text', label: 'Text', description: 'The answer as `text`' },
        {
          value: 'json',
          label: 'JSON (schema)',
          description: 'The answer as `output`, checked against the schema',
        },
      ],
      default: 'text',
    }),
    schema: p.json({
      label: 'JSON Schema',
      description: 'The answer must fit this JSON Schema; a mismatch fails the item (AI_OUTPUT_INVALID).',
      default: { type: 'object', properties: { answer: { type: 'string' } }, required: ['answer'] },
      displayOptions: { show: { outputFormat: ['json'] } },
    }),
    ...outputParserParams,
    ...promptTemplateParams,
  },
  docs: [
    'Outputs `{ text }` (or `{ output }` in JSON mode) and `usage`: input/output tokens, cost when the host has a',
    'price for the model, and every model call with its latency. With an Output Parser connected (and "Require',
    'Specific Output Format" on), its format instructions end the prompt and `output` is the parsed answer.',
  ].join('\n'),
  async run(ctx) {
    const stream = textStream(ctx);
    const out = await mapItemsAsync(ctx, async (_item, i) => {
      const params = ctx.params(i);
      const { system, prompt } = await templatedPrompt(ctx, params, i, {
        system: () => params.systemMessage || undefined,
        prompt: () => promptOf(ctx, params.prompt, i),
      });
      const { model } = await suppliedOne(ctx, 'chatModel', i);
      const metered = meteredModel(ctx, model);
      const parser = await appliedOutputParser(ctx, params, i);
      if (parser && params.outputFormat === 'json') {
        throw new GuixuError(
          'AI_OUTPUT_FORMAT_CONFLICT',
          'Both a JSON Schema output and an Output Parser are set; use one of them',
          {
            parameter: 'outputFormat',
            description:
              'Set Output to Text to use the parser, or turn off "Require Specific Output Format".',
          },
        );
      }
      const schema = params.outputFormat === 'json' ? schemaParam(params.schema, 'schema') : undefined;
      const answer = await metered.generate({
        system,
        messages: [{ role: 'user', content: withFormatInstructions(prompt, parser) }],
        schema,
        // A parsed answer is read whole: nothing streams.
        onText: schema || parser ? undefined : stream,
      });
      let result: JsonObject;
      if (parser) result = { output: await parser.parse(answer.text, ctx.signal) };
      else result = schema ? { output: toJson(answer.object) } : { text: answer.text };
      return { json: { ...result, usage: metered.take() }, pairedItem: { item: i } };
    });
    return [out];
  },
});

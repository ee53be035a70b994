/** AI Agent: a chat model that calls tools in a loop (max iterations), with optional memory per session. */
import { defineNode, p } from '@guixu/core';
import { promptOf } from '../cluster/default-expression.ts';
import type { ModelMessage } from 'ai';
import { mapItemsAsync } from '../../shared/item-errors.ts';
import { textStream } from '../cluster/host-services.ts';
import { promptTemplateParams, templatedPrompt } from '../cluster/prompt-template.ts';
import { meteredModel } from '../cluster/metered-model.ts';
import { suppliedOne, suppliedOptional, suppliedTools } from '../cluster/sub-nodes.ts';
import { appliedOutputParser, outputParserParams, withFormatInstructions } from '../cluster/output-parser.ts';
import { runAgentLoop } from './agent-loop.ts';

export default defineNode({
  type: 'guixu.agent',
  version: 1,
  displayName: 'AI Agent',
  description:
    'Answers with a chat model that can call tools, step by step, remembering the chat when memory is connected.',
  group: 'ai',
  icon: 'robot',
  inputs: [
    'main',
    { type: 'ai_languageModel', displayName: 'Chat Model', required: true, maxConnections: 1 },
    { type: 'ai_languageModel', displayName: 'Fallback Model', maxConnections: 1 },
    { type: 'ai_memory', displayName: 'Memory', maxConnections: 1 },
    { type: 'ai_tool', displayName: 'Tool' },
    { type: 'ai_outputParser', displayName: 'Output Parser', maxConnections: 1 },
  ],
  outputs: ['main'],
  params: {
    prompt: p.string({
      label: 'Prompt (User Message)',
      default: '={{ $json.chatInput }}',
      rows: 3,
      required: true,
    }),
    systemMessage: p.string({ label: 'System Message', default: 'You are a helpful assistant.', rows: 4 }),
    maxIterations: p.number({
      label: 'Max Iterations',
      default: 10,
      min: 1,
      max: 100,
      integer: true,
      description:
        'Model calls at most; the agent fails with AI_MAX_ITERATIONS when it has no answer by then.',
    }),
    onToolError: p.options({
      label: 'On Tool Error',
      options: [
        {
          value: 'feedBack',
          label: 'Send the error to the model',
          description: 'The model may correct itself',
        },
        { value: 'fail', label: 'Fail the node' },
      ],
      default: 'feedBack',
    }),
    ...outputParserParams,
    ...promptTemplateParams,
  },
  docs: [
    'Outputs `output` (the final answer), `steps` (every model call: its text, the tools it called with input and',
    'output or error, and usage) and `usage` (tokens and cost over the run). With memory connected, the earlier',
    'turns of the session are sent first and this turn is saved after the answer. With an Output Parser connected',
    '(and "Require Specific Output Format" on), its format instructions end the prompt and `output` is the parsed',
    'final answer (the memory keeps the question as asked and the answer as written).',
  ].join('\n'),
  async run(ctx) {
    const out = await mapItemsAsync(ctx, async (_item, i) => {
      const params = ctx.params(i);
      const { system, prompt } = await templatedPrompt(ctx, params, i, {
        system: () => params.systemMessage || undefined,
        prompt: () => promptOf(ctx, params.prompt, i),
      });
      const { model } = await suppliedOne(ctx, 'chatModel', i);
      const memory = await suppliedOptional(ctx, 'memory', i);
      const tools = await suppliedTools(ctx, i);
      const metered = meteredModel(ctx, model);
      const parser = await appliedOutputParser(ctx, params, i);
      const question: ModelMessage = { role: 'user', content: prompt };
      const asked: ModelMessage = { role: 'user', content: withFormatInstructions(prompt, parser) };
      const history = memory ? await memory.load() : [];
      const outcome = await runAgentLoop({
        model: metered,
        tools,
        system,
        messages: [...history, asked],
        maxIterations: params.maxIterations,
        onToolError: params.onToolError,
        signal: ctx.signal,
        // A parsed answer is read whole: nothing streams.
        ...(parser ? {} : { onText: textStream(ctx) }),
      });
      const output = parser ? await parser.parse(outcome.output, ctx.signal) : outcome.output;
      await memory?.save([question, ...outcome.added]);
      return {
        json: { output, steps: outcome.steps, usage: metered.take() },
        pairedItem: { item: i },
      };
    });
    return [out];
  },
});

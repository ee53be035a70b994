/**
 * The Chat Model sub-nodes (OpenAI, Anthropic, OpenAI-compatible) differ only in their
 * credential and default model: one definition shape, built here, one file per node.
 */
import { defineNode, type NodeRunContext, p } from '@guixu/core';
import { DEFAULT_CALL_POLICY } from '../model/call-policy.ts';
import { createChatModel } from '../model/chat-model.ts';
import { type ProviderKind, providerConnection } from '../model/provider.ts';
import type { SuppliedChatModel } from './contracts.ts';
import { type ModelNodeSpec, modelNodeHeader, modelParam } from './model-node.ts';
import { hostPrices, splitModelList } from './host-services.ts';

export interface ChatModelNodeSpec extends ModelNodeSpec {
  kind: ProviderKind;
}

export const modelCallOptions = {
  fallbackModels: p.string({
    label: 'Fallback Models',
    description: 'Comma-separated models tried in order when the model fails (rate limit, outage, timeout).',
  }),
  timeout: p.number({ label: 'Timeout (ms)', default: 60_000, min: 1, integer: true }),
  maxRetries: p.number({
    label: 'Max Retries',
    default: 2,
    min: 0,
    max: 10,
    integer: true,
    description: 'Retries on 429 and 5xx, waiting as long as the provider’s Retry-After asks.',
  }),
};

export function defineChatModelNode(spec: ChatModelNodeSpec) {
  return defineNode({
    ...modelNodeHeader(spec, 'brain', { type: 'ai_languageModel', displayName: 'Model' }),
    params: {
      model: modelParam(spec.defaultModel),
      options: p.collection({
        label: 'Options',
        fields: {
          temperature: p.number({ label: 'Sampling Temperature', default: 0.7, min: 0, max: 2 }),
          maxTokens: p.number({ label: 'Maximum Number of Tokens', default: 1024, min: 1, integer: true }),
          topP: p.number({ label: 'Top P', default: 1, min: 0, max: 1 }),
          ...modelCallOptions,
        },
      }),
    },
    docs: [
      'Connect to the "Chat Model" input of an AI Agent, Basic LLM Chain, Text Classifier or Information Extractor.',
      'Calls go through chat completions with a per-call timeout, retries on 429/5xx (honouring Retry-After) and',
      'the fallback models in order. Token usage and cost of every call appear in the root node’s run data.',
    ].join('\n'),
    run: () => [[]],
    async supplyData(ctx, itemIndex): Promise<SuppliedChatModel> {
      const { model, options } = ctx.params(itemIndex);
      const connection = providerConnection(spec.kind, await ctx.credentials(spec.credential));
      return {
        kind: 'chatModel',
        model: createChatModel({
          connection,
          models: [model.trim(), ...splitModelList(options.fallbackModels)],
          settings: {
            temperature: options.temperature,
            maxOutputTokens: options.maxTokens,
            topP: options.topP,
          },
          policy: callPolicyOf(ctx, options),
          prices: hostPrices(ctx),
        }),
      };
    },
  });
}

export function callPolicyOf(
  ctx: Pick<NodeRunContext, 'services'>,
  options: { timeout?: number; maxRetries?: number },
) {
  return {
    ...DEFAULT_CALL_POLICY,
    timeoutMs: options.timeout ?? DEFAULT_CALL_POLICY.timeoutMs,
    maxRetries: options.maxRetries ?? DEFAULT_CALL_POLICY.maxRetries,
    sleep: (ms: number, signal: AbortSignal) => ctx.services.clock.sleep(ms, signal),
  };
}

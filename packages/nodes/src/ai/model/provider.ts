/**
 * Model access from a stored credential: one zod shape for the three credential
 * types, and the Vercel AI SDK model objects built from it. OpenAI and compatible
 * servers are called through chat completions (`.chat()`), never the Responses API
 * most compatible servers lack.
 */
import { createAnthropic } from '@ai-sdk/anthropic';
import { createOpenAI } from '@ai-sdk/openai';
import { createOpenAICompatible } from '@ai-sdk/openai-compatible';
import { GuixuError } from '@guixu/core';
import type { EmbeddingModel, LanguageModel } from 'ai';
import { z } from 'zod';
import { presetOf } from './presets.ts';

// The SDK prints compatibility warnings to the console; run data and errors carry what matters.
const sdkGlobals = globalThis as { AI_SDK_LOG_WARNINGS?: boolean };
sdkGlobals.AI_SDK_LOG_WARNINGS ??= false;

export type ProviderKind = 'openai' | 'anthropic' | 'openaiCompatible';

const headerList = z
  .union([z.record(z.string(), z.string()), z.string()])
  .optional()
  .transform((value, ctx): Record<string, string> => {
    if (value === undefined || value === '') return {};
    if (typeof value !== 'string') return value;
    try {
      return z.record(z.string(), z.string()).parse(JSON.parse(value));
    } catch {
      ctx.addIssue({ code: 'custom', message: 'Custom headers must be a JSON object of strings' });
      return z.NEVER;
    }
  });

export const providerCredentialSchema = z.object({
  apiKey: z.string().optional().default(''),
  baseUrl: z.string().optional().default(''),
  preset: z.string().optional().default('custom'),
  headers: headerList,
});

/** A provider connection resolved from a credential: where to call and with what. */
export interface ProviderConnection {
  kind: ProviderKind;
  /** Preset name for compatible services (`deepseek`, `ollama`, …), or the kind. */
  provider: string;
  baseUrl: string;
  apiKey: string;
  headers: Record<string, string>;
}

const DEFAULT_BASE: Record<Exclude<ProviderKind, 'openaiCompatible'>, string> = {
  openai: 'https://api.openai.com/v1',
  anthropic: 'https://api.anthropic.com/v1',
};

export function providerConnection(kind: ProviderKind, data: Record<string, unknown>): ProviderConnection {
  const parsed = providerCredentialSchema.safeParse(data);
  if (!parsed.success) {
    throw new GuixuError(
      'AI_CREDENTIAL_INVALID',
      `The model credential is invalid: ${parsed.error.issues[0]?.message}`,
      {
        description: 'Open the credential and fix its fields.',
      },
    );
  }
  const { apiKey, preset, headers } = parsed.data;
  let baseUrl = parsed.data.baseUrl.trim();
  let provider: string = kind;
  if (kind === 'openaiCompatible') {
    provider = preset;
    baseUrl ||= presetOf(preset)?.baseUrl ?? '';
    if (!baseUrl) {
      throw new GuixuError('AI_CREDENTIAL_INVALID', 'The OpenAI-compatible credential needs a Base URL', {
        description: 'Pick a preset or enter the server’s Base URL (e.g. http://localhost:11434/v1).',
      });
    }
  } else {
    baseUrl ||= DEFAULT_BASE[kind];
  }
  return { kind, provider, baseUrl: baseUrl.replace(/\/+$/, ''), apiKey, headers };
}

export function languageModel(connection: ProviderConnection, modelId: string): LanguageModel {
  const { baseUrl, apiKey, headers } = connection;
  switch (connection.kind) {
    case 'openai':
      return createOpenAI({ baseURL: baseUrl, apiKey, headers }).chat(modelId);
    case 'anthropic':
      return createAnthropic({ baseURL: baseUrl, apiKey, headers })(modelId);
    case 'openaiCompatible':
      return createOpenAICompatible({
        name: connection.provider,
        baseURL: baseUrl,
        apiKey: apiKey || undefined,
        headers,
        includeUsage: true,
      }).chatModel(modelId);
  }
}

export function embeddingModel(connection: ProviderConnection, modelId: string): EmbeddingModel {
  const { baseUrl, apiKey, headers } = connection;
  if (connection.kind === 'anthropic') {
    throw new GuixuError('AI_EMBEDDINGS_UNSUPPORTED', 'Anthropic offers no embeddings API', {
      description:
        'Use an OpenAI or OpenAI-compatible credential (e.g. bge-m3 on Ollama, vLLM or SiliconFlow).',
    });
  }
  if (connection.kind === 'openai')
    return createOpenAI({ baseURL: baseUrl, apiKey, headers }).embedding(modelId);
  return createOpenAICompatible({
    name: connection.provider,
    baseURL: baseUrl,
    apiKey: apiKey || undefined,
    headers,
  }).embeddingModel(modelId);
}

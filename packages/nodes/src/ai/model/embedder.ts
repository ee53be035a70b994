/**
 * What an Embeddings sub-node supplies: texts in, vectors out, batched, under the
 * same call policy as chat (timeout, retries, fallback models) and with usage.
 */
import { embedMany } from 'ai';
import { type CallPolicy, callWithPolicy } from './call-policy.ts';
import { embeddingModel, type ProviderConnection } from './provider.ts';
import { type ModelPrice, type ModelUsage, priced } from './usage.ts';

export interface Embedder {
  readonly provider: string;
  readonly model: string;
  embed(texts: readonly string[], signal: AbortSignal): Promise<{ vectors: number[][]; usage: ModelUsage }>;
}

export interface EmbedderOptions {
  connection: ProviderConnection;
  models: readonly string[];
  policy: CallPolicy;
  /** Inputs per request (providers cap it; 64 suits most). */
  batchSize?: number;
  prices?: readonly ModelPrice[];
}

export function createEmbedder(options: EmbedderOptions): Embedder {
  const { connection } = options;
  const batchSize = options.batchSize ?? 64;
  return {
    provider: connection.provider,
    model: options.models[0] ?? '',
    async embed(texts, signal) {
      const started = performance.now();
      const vectors: number[][] = [];
      let tokens = 0;
      let model = options.models[0] ?? '';
      for (let i = 0; i < texts.length; i += batchSize) {
        const values = texts.slice(i, i + batchSize);
        const result = await callWithPolicy({
          provider: connection.provider,
          apiKey: connection.apiKey,
          models: options.models,
          policy: options.policy,
          signal,
          run: (modelId, callSignal) =>
            embedMany({
              model: embeddingModel(connection, modelId),
              values: [...values],
              maxRetries: 0,
              abortSignal: callSignal,
            }),
        });
        model = result.model;
        vectors.push(...result.value.embeddings);
        tokens += result.value.usage.tokens;
      }
      const usage = priced(
        {
          provider: connection.provider,
          model,
          inputTokens: tokens,
          outputTokens: 0,
          latencyMs: Math.round(performance.now() - started),
        },
        options.prices,
      );
      return { vectors, usage };
    },
  };
}

/** The Embeddings sub-nodes differ only in credential and default model: one shape, built here. */
import { defineNode, p } from '@guixu/core';
import { createEmbedder } from '../model/embedder.ts';
import { type ProviderKind, providerConnection } from '../model/provider.ts';
import { callPolicyOf, modelCallOptions } from './chat-model-node.ts';
import type { SuppliedEmbedder } from './contracts.ts';
import { type ModelNodeSpec, modelNodeHeader, modelParam } from './model-node.ts';
import { hostPrices, splitModelList } from './host-services.ts';

export interface EmbeddingsNodeSpec extends ModelNodeSpec {
  kind: ProviderKind;
}

export function defineEmbeddingsNode(spec: EmbeddingsNodeSpec) {
  return defineNode({
    ...modelNodeHeader(spec, 'vector-square', { type: 'ai_embedding', displayName: 'Embeddings' }),
    params: {
      model: modelParam(spec.defaultModel),
      options: p.collection({
        label: 'Options',
        fields: {
          batchSize: p.number({ label: 'Batch Size', default: 64, min: 1, max: 2048, integer: true }),
          ...modelCallOptions,
        },
      }),
    },
    run: () => [[]],
    async supplyData(ctx, itemIndex): Promise<SuppliedEmbedder> {
      const { model, options } = ctx.params(itemIndex);
      return {
        kind: 'embedder',
        embedder: createEmbedder({
          connection: providerConnection(spec.kind, await ctx.credentials(spec.credential)),
          models: [model.trim(), ...splitModelList(options.fallbackModels)],
          policy: callPolicyOf(ctx, options),
          batchSize: options.batchSize,
          prices: hostPrices(ctx),
        }),
      };
    },
  });
}

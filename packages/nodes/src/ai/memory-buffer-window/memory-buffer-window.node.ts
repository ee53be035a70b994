/**
 * Window Buffer Memory: the last N turns of a chat session, kept by the host (the
 * server stores them in its database per project) or, without one, in this process.
 */
import { defineNode } from '@guixu/core';
import { textWithDefault } from '../cluster/default-expression.ts';
import type { ChatMemory } from '../cluster/contracts.ts';
import { memoryStore } from '../cluster/host-services.ts';
import { processMemoryStore } from './process-memory-store.ts';
import { sessionKeyOf, sessionParams } from './session-key.ts';

export default defineNode({
  type: 'guixu.memoryBufferWindow',
  version: 1,
  displayName: 'Window Buffer Memory',
  description: 'Remembers the last turns of a chat session for an AI Agent.',
  group: 'ai',
  icon: 'database',
  inputs: [],
  outputs: [{ type: 'ai_memory', displayName: 'Memory' }],
  params: sessionParams,
  run: () => [[]],
  supplyData(ctx, itemIndex): ChatMemory {
    const params = ctx.params(itemIndex);
    const sessionId = textWithDefault(ctx, params.sessionId, itemIndex);
    const { contextWindowLength } = params;
    const store = memoryStore(ctx) ?? processMemoryStore;
    const key = sessionKeyOf(ctx, sessionId);
    return {
      kind: 'memory',
      sessionId,
      load: () => store.load(key, contextWindowLength),
      save: (messages) => store.append(key, messages),
    };
  },
});

/** Redis Chat Memory: the last N turns of a session, kept in Redis (shared by every worker and server). */
import { defineNode, p } from '@guixu/core';
import redisCredential from '../../redis/redis.credentials.ts';
import { nodeCredential } from '../../shared/credential-error.ts';
import type { ChatMemory } from '../cluster/contracts.ts';
import { textWithDefault } from '../cluster/default-expression.ts';
import { sessionKeyOf, sessionParams } from '../memory-buffer-window/session-key.ts';
import { redisMemoryStore } from './redis-memory-store.ts';

export default defineNode({
  type: 'guixu.memoryRedisChat',
  version: 1,
  displayName: 'Redis Chat Memory',
  description: 'Remembers the last turns of a chat session in Redis, for an AI Agent.',
  group: 'ai',
  icon: 'database',
  inputs: [],
  outputs: [{ type: 'ai_memory', displayName: 'Memory' }],
  credentials: [{ name: 'redis', required: true }],
  params: {
    ...sessionParams,
    sessionTTL: p.number({
      label: 'Session Time To Live (s)',
      default: 0,
      min: 0,
      integer: true,
      description: '0: the session never expires.',
    }),
  },
  run: () => [[]],
  async supplyData(ctx, itemIndex): Promise<ChatMemory> {
    const params = ctx.params(itemIndex);
    const credential = nodeCredential(redisCredential, await ctx.credentials('redis'), ctx.node.name);
    const sessionId = textWithDefault(ctx, params.sessionId, itemIndex);
    const store = redisMemoryStore(credential, params.sessionTTL);
    const key = sessionKeyOf(ctx, sessionId);
    return {
      kind: 'memory',
      sessionId,
      load: () => store.load(key, params.contextWindowLength),
      save: (messages) => store.append(key, messages),
    };
  },
});

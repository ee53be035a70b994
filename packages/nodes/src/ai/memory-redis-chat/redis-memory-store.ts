/**
 * Chat turns in Redis: one list per session (`RPUSH` a JSON turn, `LTRIM` to the
 * newest turns kept, optional expiry), read with `LRANGE` of the last N turns.
 */
import type { ModelMessage } from 'ai';
import { z } from 'zod';
import { withRedis, type RedisCredential } from '../../redis/redis-client.ts';
import type { ChatMemoryStore } from '../cluster/host-services.ts';

const MAX_TURNS = 200;
const turn = z.array(z.object({ role: z.enum(['system', 'user', 'assistant', 'tool']) }).passthrough());

export function redisMemoryStore(credential: RedisCredential, ttlSeconds: number): ChatMemoryStore {
  const keyOf = (sessionKey: string) => `guixu:chat:${sessionKey}`;
  return {
    load: (sessionKey, turns) =>
      withRedis(credential, async (client) => {
        const stored = await client.lrange(keyOf(sessionKey), -turns, -1);
        // Each entry was written by `append` below; the shape is checked, the content is the model's own.
        return stored.flatMap((text) => turn.parse(JSON.parse(text)) as ModelMessage[]);
      }),
    append: (sessionKey, messages) =>
      withRedis(credential, async (client) => {
        const key = keyOf(sessionKey);
        const batch = client.multi().rpush(key, JSON.stringify(messages)).ltrim(key, -MAX_TURNS, -1);
        if (ttlSeconds > 0) batch.expire(key, ttlSeconds);
        await batch.exec();
      }),
    clear: (sessionKey) =>
      withRedis(credential, async (client) => {
        await client.del(keyOf(sessionKey));
      }),
  };
}

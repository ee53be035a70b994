import { createEngine, type JsonObject, MemoryBinaryStore, systemClock, type Workflow } from '@guixu/core';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { discoverNodes } from '../../index.ts';
import { type ProviderServer, startProviderServer } from '../testing/provider-server.ts';
import { workflowNode } from '../testing/workflow-node.ts';

/** Against the Redis server on this machine (127.0.0.1:6379). */
let server: ProviderServer;
const registry = await discoverNodes();
const redis = new Redis({ host: '127.0.0.1', port: 6379, lazyConnect: true });
const workflowId = `redis-memory-${process.pid}-${Date.now()}`;
const key = `guixu:chat:${workflowId}:s1`;

beforeAll(async () => {
  server = await startProviderServer();
  await redis.connect();
});
afterAll(async () => {
  await redis.del(key);
  redis.disconnect();
  await server.close();
});

const workflow: Workflow = {
  id: workflowId,
  name: 'redis memory',
  nodes: [
    workflowNode('Start', 'guixu.manualTrigger'),
    workflowNode('Agent', 'guixu.agent'),
    workflowNode(
      'Model',
      'guixu.lmChatOpenAi',
      { model: 'gpt-test' },
      { credentials: { openAiApi: { id: 'o', name: 'o' } } },
    ),
    workflowNode(
      'Memory',
      'guixu.memoryRedisChat',
      { contextWindowLength: 1, sessionTTL: 600 },
      { credentials: { redis: { id: 'r', name: 'r' } } },
    ),
  ],
  connections: {
    Start: { main: [[{ node: 'Agent', type: 'main', index: 0 }]] },
    Model: { ai_languageModel: [[{ node: 'Agent', type: 'ai_languageModel', index: 0 }]] },
    Memory: { ai_memory: [[{ node: 'Agent', type: 'ai_memory', index: 0 }]] },
  },
  settings: {},
};

async function chat(json: JsonObject) {
  const engine = createEngine({
    registry,
    services: { binary: new MemoryBinaryStore(), clock: systemClock },
    credentials: {
      get: async ({ type }) =>
        type === 'redis' ? { host: '127.0.0.1', port: 6379 } : { apiKey: 'k', baseUrl: server.baseUrl },
    },
  });
  const state = engine.start(workflow, {
    executionId: `m-${Math.random()}`,
    mode: 'manual',
    triggerItems: [{ json }],
  });
  await engine.run(workflow, state);
  expect(state.runData.Agent?.[0]?.error).toBeUndefined();
}

describe('Redis Chat Memory', () => {
  it('keeps the session’s turns in Redis with the TTL and sends only the window', async () => {
    server.reply({ text: 'Hi Ann.' }, { text: 'Noted: blue.' }, { text: 'Blue.' });
    await chat({ sessionId: 's1', chatInput: 'I am Ann' });
    await chat({ sessionId: 's1', chatInput: 'My colour is blue' });
    await chat({ sessionId: 's1', chatInput: 'What colour?' });
    const sent = JSON.stringify(server.requests.at(-1)?.body.messages);
    expect(sent).toContain('Noted: blue.');
    expect(sent).not.toContain('I am Ann');
    expect(await redis.llen(key)).toBe(3);
    expect(await redis.ttl(key)).toBeGreaterThan(500);
  });
});

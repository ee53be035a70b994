import { GuixuError } from '@guixu/core';
import { tool } from 'ai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import anthropicApi from '../credentials/anthropic-api.credentials.ts';
import openAiApi from '../credentials/open-ai-api.credentials.ts';
import openAiCompatibleApi from '../credentials/open-ai-compatible-api.credentials.ts';
import { type ProviderServer, startProviderServer } from '../testing/provider-server.ts';
import { type CallPolicy, DEFAULT_CALL_POLICY } from './call-policy.ts';
import { createChatModel } from './chat-model.ts';
import { createEmbedder } from './embedder.ts';
import { type ProviderKind, providerConnection } from './provider.ts';

const KEY = 'sk-local-secret-key';
let server: ProviderServer;
const slept: number[] = [];
const policy: CallPolicy = {
  ...DEFAULT_CALL_POLICY,
  timeoutMs: 5_000,
  sleep: async (ms) => {
    slept.push(ms);
  },
};

beforeAll(async () => {
  server = await startProviderServer({ apiKey: KEY, embed: (t) => [t.length, t.split(' ').length, 1] });
});
afterAll(() => server.close());

function model(kind: ProviderKind, models: string[] = ['gpt-test'], extra: Record<string, unknown> = {}) {
  const connection = providerConnection(kind, { apiKey: KEY, baseUrl: server.baseUrl, ...extra });
  return createChatModel({ connection, models, settings: { temperature: 0.2 }, policy });
}

async function failure(promise: Promise<unknown>): Promise<GuixuError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(GuixuError);
  return error as GuixuError;
}

const signal = () => new AbortController().signal;
const ask = (text: string) => ({ messages: [{ role: 'user' as const, content: text }] });

describe('credentials: test lists the models', () => {
  it('OpenAI, Anthropic and an OpenAI-compatible preset list the server’s models; a bad key says so', async () => {
    const s = signal();
    const openai = await openAiApi.test?.({ apiKey: KEY, baseUrl: server.baseUrl, headers: undefined }, s);
    expect(openai).toEqual({
      ok: true,
      message: expect.stringContaining('4 models (claude-test, embed-test, gpt-fallback'),
    });
    const anthropic = await anthropicApi.test?.(
      { apiKey: KEY, baseUrl: server.baseUrl, headers: undefined },
      s,
    );
    expect(anthropic?.ok).toBe(true);
    expect(server.requests.at(-1)?.headers['anthropic-version']).toBe('2023-06-01');
    const ollama = await openAiCompatibleApi.test?.(
      { preset: 'ollama', baseUrl: server.baseUrl, apiKey: KEY, headers: '{"X-Team":"ops"}' },
      s,
    );
    expect(ollama?.ok).toBe(true);
    expect(server.requests.at(-1)?.headers['x-team']).toBe('ops');
    const bad = await openAiApi.test?.(
      { apiKey: 'sk-wrong', baseUrl: server.baseUrl, headers: undefined },
      s,
    );
    expect(bad).toEqual({ ok: false, message: 'The provider refused the API key (HTTP 401)' });
  });

  it('presets fill the Base URL; "Other" without one is a clear error', () => {
    expect(providerConnection('openaiCompatible', { preset: 'deepseek' }).baseUrl).toBe(
      'https://api.deepseek.com/v1',
    );
    expect(providerConnection('openaiCompatible', { preset: 'dashscope' }).baseUrl).toBe(
      'https://dashscope.aliyuncs.com/compatible-mode/v1',
    );
    expect(() => providerConnection('openaiCompatible', { preset: 'custom' })).toThrow(/needs a Base URL/);
  });
});

describe('chat over the real wire protocols', () => {
  it.each(['openai', 'openaiCompatible', 'anthropic'] as const)(
    '%s: text, usage and streamed deltas',
    async (kind) => {
      const chat = model(kind, [kind === 'anthropic' ? 'claude-test' : 'gpt-test'], {
        headers: { 'X-Trace': 't1' },
      });
      server.reply({ text: 'Hello there, Ann!', usage: { input: 12, output: 4 } });
      const plain = await chat.generate(ask('hi'), signal());
      expect(plain.text).toBe('Hello there, Ann!');
      expect(plain.usage).toMatchObject({ inputTokens: 12, outputTokens: 4 });
      const sent = server.requests.at(-1);
      expect(sent?.path).toBe(kind === 'anthropic' ? '/v1/messages' : '/v1/chat/completions');
      expect(sent?.headers['x-trace']).toBe('t1');
      if (kind === 'anthropic') expect(sent?.body.max_tokens).toBe(4096);
      else expect(sent?.body.temperature).toBe(0.2);

      server.reply({ text: 'Streamed answer in pieces', usage: { input: 7, output: 5 } });
      const deltas: string[] = [];
      const streamed = await chat.generate({ ...ask('hi'), onText: (d) => deltas.push(d) }, signal());
      expect(server.requests.at(-1)?.body.stream).toBe(true);
      expect(deltas.length).toBeGreaterThan(3);
      expect(deltas.join('')).toBe('Streamed answer in pieces');
      expect(streamed.text).toBe('Streamed answer in pieces');
      expect(streamed.usage).toMatchObject({ inputTokens: 7, outputTokens: 5 });
    },
  );

  it.each(['openai', 'anthropic'] as const)(
    '%s: tool calls come back with parsed arguments, streamed or not',
    async (kind) => {
      const chat = model(kind, [kind === 'anthropic' ? 'claude-test' : 'gpt-test']);
      const tools = {
        add: tool({ description: 'Adds', inputSchema: z.object({ a: z.number(), b: z.number() }) }),
      };
      for (const onText of [undefined, () => {}]) {
        server.reply({ toolCalls: [{ name: 'add', arguments: '{"a":2,"b":3}', id: 'c1' }] });
        const answer = await chat.generate({ ...ask('2+3?'), tools, onText }, signal());
        expect(answer.toolCalls).toEqual([{ id: 'c1', name: 'add', input: { a: 2, b: 3 } }]);
        expect(answer.finishReason).toBe('tool-calls');
      }
      const sentTools = server.requests.at(-1)?.body.tools;
      expect(JSON.stringify(sentTools)).toContain('add');
    },
  );

  it('malformed tool arguments are flagged on the call, not silently run', async () => {
    const chat = model('openai');
    const tools = { add: tool({ inputSchema: z.object({ a: z.number() }) }) };
    server.reply({ toolCalls: [{ name: 'add', arguments: '{"a": 2,,' }] });
    const answer = await chat.generate({ ...ask('x'), tools }, signal());
    expect(answer.toolCalls[0]?.invalid).toMatch(/add/);
  });

  it('structured output: JSON fitting the schema is returned; JSON that does not fit is AI_OUTPUT_INVALID', async () => {
    const chat = model('openai');
    const schema = {
      type: 'object',
      properties: { city: { type: 'string' }, people: { type: 'integer' } },
      required: ['city', 'people'],
    } as const;
    server.reply({ text: '{"city":"Hangzhou","people":3}' });
    expect((await chat.generate({ ...ask('x'), schema }, signal())).object).toEqual({
      city: 'Hangzhou',
      people: 3,
    });
    expect(JSON.stringify(server.requests.at(-1)?.body.response_format)).toContain('json_schema');
    server.reply({ text: '{"city":"Hangzhou"}' });
    expect((await failure(chat.generate({ ...ask('x'), schema }, signal()))).code).toBe('AI_OUTPUT_INVALID');
  });

  it('embeddings: deterministic vectors in order, batched, with token usage', async () => {
    const connection = providerConnection('openaiCompatible', { apiKey: KEY, baseUrl: server.baseUrl });
    const embedder = createEmbedder({ connection, models: ['embed-test'], policy, batchSize: 2 });
    const before = server.requests.length;
    const { vectors, usage } = await embedder.embed(['a b', 'hello world again', 'x'], signal());
    expect(vectors).toEqual([
      [3, 2, 1],
      [17, 3, 1],
      [1, 1, 1],
    ]);
    expect(server.requests.length - before).toBe(2);
    expect(usage.inputTokens).toBeGreaterThan(0);
  });
});

describe('provider errors are clear node errors', () => {
  it('a bad key is AI_AUTH_FAILED and the key never appears in the message', async () => {
    const connection = providerConnection('openai', { apiKey: 'sk-bad-key-123', baseUrl: server.baseUrl });
    const chat = createChatModel({ connection, models: ['gpt-test'], settings: {}, policy });
    const error = await failure(chat.generate(ask('x'), signal()));
    expect(error.code).toBe('AI_AUTH_FAILED');
    expect(error.message).toContain('HTTP 401');
    expect(JSON.stringify({ m: error.message, d: error.details })).not.toContain('sk-bad-key-123');
  });

  it('an unknown model is AI_MODEL_UNKNOWN; with a fallback model the call succeeds on it', async () => {
    expect((await failure(model('anthropic', ['no-such-model']).generate(ask('x'), signal()))).code).toBe(
      'AI_MODEL_UNKNOWN',
    );
    server.reply({ text: 'from the fallback' });
    const answer = await model('openai', ['no-such-model', 'gpt-fallback']).generate(ask('x'), signal());
    expect(answer.text).toBe('from the fallback');
    expect(answer.usage.model).toBe('gpt-fallback');
    expect(answer.attempts).toEqual([
      { model: 'no-such-model', code: 'AI_MODEL_UNKNOWN' },
      { model: 'gpt-fallback' },
    ]);
  });

  it('429 is retried after the Retry-After the provider sent; 5xx with exponential backoff', async () => {
    slept.length = 0;
    server.reply({ status: 429, headers: { 'retry-after': '2' } }, { text: 'ok after 429' });
    expect((await model('openai').generate(ask('x'), signal())).text).toBe('ok after 429');
    server.reply({ status: 503 }, { status: 502 }, { text: 'ok after 5xx' });
    expect((await model('anthropic', ['claude-test']).generate(ask('x'), signal())).text).toBe(
      'ok after 5xx',
    );
    expect(slept).toEqual([2000, 500, 1000]);
  });

  it('rate limited past the retries is AI_RATE_LIMITED with the attempts in the details', async () => {
    server.reply({ status: 429 }, { status: 429 }, { status: 429 });
    const error = await failure(model('openai').generate(ask('x'), signal()));
    expect(error.code).toBe('AI_RATE_LIMITED');
    expect(error.retryable).toBe(true);
    expect(error.details?.attempts).toHaveLength(3);
  });

  it('a model that does not answer in time is AI_TIMEOUT', async () => {
    const connection = providerConnection('openai', { apiKey: KEY, baseUrl: server.baseUrl });
    const chat = createChatModel({
      connection,
      models: ['gpt-test'],
      settings: {},
      policy: { ...policy, timeoutMs: 100, maxRetries: 0 },
    });
    server.reply({ text: 'too late', delayMs: 5_000 });
    const error = await failure(chat.generate(ask('x'), signal()));
    expect(error.code).toBe('AI_TIMEOUT');
    expect(error.message).toContain('100 ms');
  });

  it('an unreachable server is AI_PROVIDER_UNREACHABLE naming the URL', async () => {
    const connection = providerConnection('openaiCompatible', { baseUrl: 'http://127.0.0.1:9/v1' });
    const chat = createChatModel({
      connection,
      models: ['m'],
      settings: {},
      policy: { ...policy, maxRetries: 0 },
    });
    const error = await failure(chat.generate(ask('x'), signal()));
    expect(error.code).toBe('AI_PROVIDER_UNREACHABLE');
    expect(error.message).toContain('127.0.0.1:9');
  });
});

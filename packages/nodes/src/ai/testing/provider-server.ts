/**
 * A local model provider for tests and benchmarks: speaks the OpenAI chat-completions,
 * embeddings and models wire protocol (JSON and SSE streaming, tool calls) and the
 * Anthropic messages protocol (JSON and SSE streaming, tool use), answering from a
 * script the test writes. The real SDK code paths run end to end; nothing is mocked.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ScriptedToolCall {
  name: string;
  /** Raw JSON text of the arguments (may be malformed on purpose). */
  arguments: string;
  id?: string;
}

export interface ScriptedReply {
  text?: string;
  toolCalls?: ScriptedToolCall[];
  usage?: { input: number; output: number };
  /** Answer with an HTTP error instead (429, 500, …). */
  status?: number;
  headers?: Record<string, string>;
  /** Wait this long before answering (timeouts). */
  delayMs?: number;
}

export interface RecordedRequest {
  method: string;
  path: string;
  headers: IncomingMessage['headers'];
  body: Record<string, unknown>;
}

export interface ProviderServerOptions {
  /** Key clients must send (Bearer or x-api-key); absent: any key is accepted. */
  apiKey?: string;
  models?: string[];
  /** Deterministic embedding of one input text. */
  embed?: (text: string) => number[];
  /** Accept any model name (corpus runs of imported workflows name many). */
  anyModel?: boolean;
  /** The answer when no scripted reply is queued (default: an HTTP 500 "script exhausted"). */
  fallback?: (request: RecordedRequest) => ScriptedReply;
}

export interface ProviderServer {
  url: string;
  /** OpenAI-style base URL (`…/v1`). */
  baseUrl: string;
  requests: RecordedRequest[];
  /** Queue replies for the next chat/messages calls, answered in order. */
  reply(...replies: ScriptedReply[]): void;
  pending(): number;
  close(): Promise<void>;
}

const DEFAULT_MODELS = ['gpt-test', 'gpt-fallback', 'claude-test', 'embed-test'];

export async function startProviderServer(options: ProviderServerOptions = {}): Promise<ProviderServer> {
  const queue: ScriptedReply[] = [];
  const requests: RecordedRequest[] = [];
  const models = options.models ?? DEFAULT_MODELS;
  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      res.writeHead(500, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: { message: String(error), type: 'server_error' } }));
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    const text = await readBody(req);
    const body = text ? (JSON.parse(text) as Record<string, unknown>) : {};
    requests.push({ method: req.method ?? 'GET', path, headers: req.headers, body });
    const anthropic = path.endsWith('/messages') || req.headers['anthropic-version'] !== undefined;
    if (options.apiKey !== undefined && presentedKey(req) !== options.apiKey) {
      return anthropic
        ? sendJson(res, 401, anthropicError('authentication_error', 'invalid x-api-key'))
        : sendJson(res, 401, openAiError('Incorrect API key provided.', 'invalid_api_key'));
    }
    if (req.method === 'GET' && path.endsWith('/models')) {
      return sendJson(
        res,
        200,
        anthropic
          ? {
              data: models.map((id) => ({
                id,
                type: 'model',
                display_name: id,
                created_at: '2026-01-01T00:00:00Z',
              })),
              has_more: false,
            }
          : { object: 'list', data: models.map((id) => ({ id, object: 'model', owned_by: 'local' })) },
      );
    }
    const model = String(body.model ?? '');
    if (!options.anyModel && !models.includes(model)) {
      return anthropic
        ? sendJson(res, 404, anthropicError('not_found_error', `model: ${model}`))
        : sendJson(res, 404, openAiError(`The model \`${model}\` does not exist`, 'model_not_found'));
    }
    if (path.endsWith('/embeddings')) return sendEmbeddings(res, body, model);
    const reply = queue.shift() ?? options.fallback?.(requests[requests.length - 1] as RecordedRequest);
    if (!reply) return sendJson(res, 500, openAiError('no scripted reply left', 'script_exhausted'));
    if (reply.delayMs) await waitOrClose(reply.delayMs, req);
    if (reply.status && reply.status >= 400) {
      res.writeHead(reply.status, { 'content-type': 'application/json', ...reply.headers });
      res.end(
        JSON.stringify(
          anthropic
            ? anthropicError('rate_limit_error', `status ${reply.status}`)
            : openAiError(`status ${reply.status}`, 'scripted'),
        ),
      );
      return;
    }
    if (anthropic)
      return body.stream
        ? streamAnthropic(res, model, reply)
        : sendJson(res, 200, anthropicMessage(model, reply));
    return body.stream ? streamOpenAi(res, model, reply) : sendJson(res, 200, openAiCompletion(model, reply));
  }

  function sendEmbeddings(res: ServerResponse, body: Record<string, unknown>, model: string): void {
    const inputs = Array.isArray(body.input) ? body.input.map(String) : [String(body.input ?? '')];
    const embed = options.embed ?? ((t: string) => [t.length, 1, 0]);
    const tokens = inputs.reduce((sum, t) => sum + Math.ceil(t.length / 4), 0);
    sendJson(res, 200, {
      object: 'list',
      model,
      data: inputs.map((t, index) => ({ object: 'embedding', index, embedding: embed(t) })),
      usage: { prompt_tokens: tokens, total_tokens: tokens },
    });
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const url = `http://127.0.0.1:${port}`;
  return {
    url,
    baseUrl: `${url}/v1`,
    requests,
    reply: (...replies) => {
      queue.push(...replies);
    },
    pending: () => queue.length,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function presentedKey(req: IncomingMessage): string | undefined {
  const header = req.headers['x-api-key'];
  if (typeof header === 'string') return header;
  const auth = req.headers.authorization;
  return auth?.startsWith('Bearer ') ? auth.slice(7) : undefined;
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function waitOrClose(ms: number, req: IncomingMessage): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    req.socket.once('close', () => {
      clearTimeout(timer);
      resolve();
    });
  });
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  if (res.destroyed) return;
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}

function openAiError(message: string, code: string) {
  return { error: { message, type: 'invalid_request_error', param: null, code } };
}

function anthropicError(type: string, message: string) {
  return { type: 'error', error: { type, message } };
}

const usageOf = (reply: ScriptedReply) => reply.usage ?? { input: 10, output: 5 };
const callId = (call: ScriptedToolCall, i: number) => call.id ?? `call_${i}_${call.name}`;

function openAiCompletion(model: string, reply: ScriptedReply) {
  const usage = usageOf(reply);
  const toolCalls = reply.toolCalls?.map((call, i) => ({
    id: callId(call, i),
    type: 'function',
    function: { name: call.name, arguments: call.arguments },
  }));
  return {
    id: 'chatcmpl-local',
    object: 'chat.completion',
    created: 1_700_000_000,
    model,
    choices: [
      {
        index: 0,
        message: {
          role: 'assistant',
          content: reply.text ?? null,
          ...(toolCalls ? { tool_calls: toolCalls } : {}),
        },
        finish_reason: toolCalls ? 'tool_calls' : 'stop',
      },
    ],
    usage: {
      prompt_tokens: usage.input,
      completion_tokens: usage.output,
      total_tokens: usage.input + usage.output,
    },
  };
}

function sse(res: ServerResponse, data: unknown, event?: string): void {
  res.write(`${event ? `event: ${event}\n` : ''}data: ${JSON.stringify(data)}\n\n`);
}

function streamOpenAi(res: ServerResponse, model: string, reply: ScriptedReply): void {
  res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
  const chunk = (delta: Record<string, unknown>, finish: string | null = null) =>
    sse(res, {
      id: 'chatcmpl-local',
      object: 'chat.completion.chunk',
      created: 1_700_000_000,
      model,
      choices: [{ index: 0, delta, finish_reason: finish }],
    });
  chunk({ role: 'assistant', content: '' });
  for (const piece of splitText(reply.text ?? '')) chunk({ content: piece });
  reply.toolCalls?.forEach((call, index) => {
    chunk({
      tool_calls: [
        { index, id: callId(call, index), type: 'function', function: { name: call.name, arguments: '' } },
      ],
    });
    for (const piece of splitText(call.arguments))
      chunk({ tool_calls: [{ index, function: { arguments: piece } }] });
  });
  chunk({}, reply.toolCalls ? 'tool_calls' : 'stop');
  const usage = usageOf(reply);
  sse(res, {
    id: 'chatcmpl-local',
    object: 'chat.completion.chunk',
    created: 1_700_000_000,
    model,
    choices: [],
    usage: {
      prompt_tokens: usage.input,
      completion_tokens: usage.output,
      total_tokens: usage.input + usage.output,
    },
  });
  res.end('data: [DONE]\n\n');
}

function anthropicContent(reply: ScriptedReply) {
  const content: Record<string, unknown>[] = [];
  if (reply.text) content.push({ type: 'text', text: reply.text });
  reply.toolCalls?.forEach((call, i) => {
    content.push({
      type: 'tool_use',
      id: callId(call, i),
      name: call.name,
      input: JSON.parse(call.arguments) as unknown,
    });
  });
  return content;
}

function anthropicMessage(model: string, reply: ScriptedReply) {
  const usage = usageOf(reply);
  return {
    id: 'msg_local',
    type: 'message',
    role: 'assistant',
    model,
    content: anthropicContent(reply),
    stop_reason: reply.toolCalls ? 'tool_use' : 'end_turn',
    stop_sequence: null,
    usage: { input_tokens: usage.input, output_tokens: usage.output },
  };
}

function streamAnthropic(res: ServerResponse, model: string, reply: ScriptedReply): void {
  res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
  const usage = usageOf(reply);
  const event = (type: string, data: Record<string, unknown>) => sse(res, { type, ...data }, type);
  event('message_start', {
    message: {
      id: 'msg_local',
      type: 'message',
      role: 'assistant',
      model,
      content: [],
      stop_reason: null,
      stop_sequence: null,
      usage: { input_tokens: usage.input, output_tokens: 1 },
    },
  });
  let index = 0;
  if (reply.text) {
    event('content_block_start', { index, content_block: { type: 'text', text: '' } });
    for (const piece of splitText(reply.text))
      event('content_block_delta', { index, delta: { type: 'text_delta', text: piece } });
    event('content_block_stop', { index });
    index++;
  }
  reply.toolCalls?.forEach((call, i) => {
    event('content_block_start', {
      index,
      content_block: { type: 'tool_use', id: callId(call, i), name: call.name, input: {} },
    });
    for (const piece of splitText(call.arguments))
      event('content_block_delta', { index, delta: { type: 'input_json_delta', partial_json: piece } });
    event('content_block_stop', { index });
    index++;
  });
  event('message_delta', {
    delta: { stop_reason: reply.toolCalls ? 'tool_use' : 'end_turn', stop_sequence: null },
    usage: { output_tokens: usage.output },
  });
  event('message_stop', {});
  res.end();
}

/** Pieces of a few characters, so clients really assemble streamed deltas. */
function splitText(text: string): string[] {
  const pieces: string[] = [];
  for (let i = 0; i < text.length; i += 4) pieces.push(text.slice(i, i + 4));
  return pieces;
}

import {
  type ClientRequest,
  type IncomingMessage,
  request as httpRequest,
  type RequestOptions,
} from 'node:http';
import { request as httpsRequest } from 'node:https';
import { once } from 'node:events';
import type { Readable } from 'node:stream';
import { constants as zlib, createBrotliDecompress, createGunzip, createInflate } from 'node:zlib';
import { GuixuError } from '@guixu/core';
import type { ClientTls } from './client-tls.ts';
import { isLoopback, proxyEnvironment } from './env-proxy.ts';
import {
  environmentProxy,
  explicitProxy,
  parseProxy,
  type ProxyRoute,
  sendThroughProxy,
  tunnelRefusal,
} from './proxy.ts';
import { networkError, type RequestTarget, timeoutError } from './transport-errors.ts';

/**
 * A small HTTP client over node:http/node:https with full control of
 * redirects, timeouts, TLS checks and streaming; requests through a proxy go
 * through undici's proxy agents (proxy.ts). The response body is streamed;
 * callers decide whether to buffer it.
 */

/** A request body that can be sent again (redirects, OAuth2 retry after 401). */
export type RequestBody =
  | { kind: 'bytes'; data: Uint8Array }
  | { kind: 'stream'; open: () => AsyncIterable<Uint8Array>; length?: number };

export interface TransportRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  body?: RequestBody;
  /** Time allowed until the response headers arrive, and for each pause while reading the body. */
  timeoutMs: number;
  followRedirects: boolean;
  maxRedirects: number;
  /** `http://[user:pass@]host:port` */
  proxy?: string;
  /** Where HTTP_PROXY / HTTPS_PROXY / NO_PROXY are read when `proxy` is not set. */
  proxyEnv?: Record<string, string | undefined>;
  rejectUnauthorized: boolean;
  /** Decompress gzip/deflate/br bodies. */
  decompress: boolean;
  /** Keep Authorization/Cookie headers when a redirect goes to another origin. */
  sendCredentialsOnCrossOriginRedirect?: boolean;
  /** CA to trust and client certificate for mutual TLS. */
  tls?: ClientTls;
  signal?: AbortSignal;
}

export interface TransportResponse {
  statusCode: number;
  statusMessage: string;
  headers: Record<string, string | string[]>;
  /** The URL that answered (after redirects). */
  url: string;
  body: AsyncIterable<Uint8Array>;
}

const REDIRECTS = new Set([301, 302, 303, 307, 308]);
const CREDENTIAL_HEADERS = ['authorization', 'cookie'];

/** The proxy agent for this request: the "Proxy" option, else the environment's proxies, else none. */
function proxyRoute(request: TransportRequest): (ProxyRoute & { fromEnv: boolean }) | undefined {
  if (request.proxy) {
    const route = explicitProxy(parseProxy(request.proxy), request.rejectUnauthorized, request.tls);
    return { ...route, fromEnv: false };
  }
  const env = request.proxyEnv ? proxyEnvironment(request.proxyEnv) : undefined;
  if (!env) return undefined;
  return { ...environmentProxy(env, request.rejectUnauthorized, request.tls), fromEnv: true };
}

export async function send(request: TransportRequest): Promise<TransportResponse> {
  const url = parseTarget(request.url);
  const route = proxyRoute(request);
  const release = () => {
    void route?.dispatcher.destroy().catch(() => {});
  };
  try {
    return await follow(request, url, route, release);
  } catch (error) {
    release();
    throw error;
  }
}

async function follow(
  request: TransportRequest,
  first: URL,
  route: (ProxyRoute & { fromEnv: boolean }) | undefined,
  release: () => void,
): Promise<TransportResponse> {
  let url = first;
  let method = request.method.toUpperCase();
  let headers = { ...request.headers };
  let body = request.body;
  for (let redirects = 0; ; redirects++) {
    // Loopback hosts never go through an environment proxy.
    const via = route && !(route.fromEnv && isLoopback(url.hostname)) ? route : undefined;
    const target: RequestTarget = { url, proxy: via?.proxyFor(url), timeoutMs: request.timeoutMs };
    const response = await sendOnce({ ...request, method, headers, body }, target, via);
    const location = response.headers.location;
    if (!request.followRedirects || !REDIRECTS.has(response.statusCode) || typeof location !== 'string') {
      return toResponse(response, url, request, target, release);
    }
    response.stream.resume();
    if (redirects >= request.maxRedirects) {
      throw new GuixuError(
        'HTTP_TOO_MANY_REDIRECTS',
        `Stopped after ${request.maxRedirects} redirects (last: ${url.href})`,
        { details: { url: request.url }, description: 'Raise "Max Redirects" or check for a redirect loop.' },
      );
    }
    const next = parseTarget(location, url);
    const status = response.statusCode;
    if (status === 303 ? method !== 'HEAD' : (status === 301 || status === 302) && method === 'POST') {
      method = 'GET';
      body = undefined;
      headers = withoutHeaders(headers, ['content-type', 'content-length', 'transfer-encoding']);
    }
    if (next.origin !== url.origin && !request.sendCredentialsOnCrossOriginRedirect) {
      headers = withoutHeaders(headers, CREDENTIAL_HEADERS);
    }
    url = next;
  }
}

/** Reads a whole response body into memory. */
export async function readBody(body: AsyncIterable<Uint8Array>): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const chunk of body) parts.push(Buffer.from(chunk));
  return Buffer.concat(parts);
}

function parseTarget(value: string, base?: URL): URL {
  let url: URL;
  try {
    url = new URL(value, base);
  } catch {
    throw new GuixuError(
      'HTTP_URL_INVALID',
      `Invalid URL: ${value}. URL must start with "http" or "https".`,
      {
        parameter: 'url',
      },
    );
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new GuixuError(
      'HTTP_URL_INVALID',
      `Invalid URL: ${value}. URL must start with "http" or "https".`,
      {
        parameter: 'url',
      },
    );
  }
  return url;
}

function withoutHeaders(headers: Record<string, string>, names: string[]): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).filter(([k]) => !names.includes(k.toLowerCase())));
}

interface Attempt {
  tls?: ClientTls;
  method: string;
  headers: Record<string, string>;
  body?: RequestBody;
  rejectUnauthorized: boolean;
  signal?: AbortSignal;
  timeoutMs: number;
}

/** A response from either path: node:http directly, or undici through a proxy. */
interface RawResponse {
  statusCode: number;
  statusMessage: string;
  headers: Record<string, string | string[] | undefined>;
  stream: Readable;
}

function fromIncoming(response: IncomingMessage): RawResponse {
  return {
    statusCode: response.statusCode ?? 0,
    statusMessage: response.statusMessage ?? '',
    headers: response.headers,
    stream: response,
  };
}

async function sendOnce(attempt: Attempt, target: RequestTarget, via?: ProxyRoute): Promise<RawResponse> {
  const { url } = target;
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(timeoutError()), attempt.timeoutMs);
  const onAbort = () => controller.abort(attempt.signal?.reason);
  const release = () => {
    clearTimeout(timer);
    attempt.signal?.removeEventListener('abort', onAbort);
  };
  attempt.signal?.addEventListener('abort', onAbort, { once: true });
  if (attempt.signal?.aborted) onAbort();
  try {
    const headers: Record<string, string> = { ...attempt.headers };
    const length = bodyLength(attempt.body);
    if (length !== undefined) headers['content-length'] = String(length);
    if (via) {
      const proxied = await sendThroughProxy(via, {
        url,
        method: attempt.method,
        headers,
        ...(attempt.body
          ? { body: attempt.body.kind === 'bytes' ? attempt.body.data : attempt.body.open() }
          : {}),
        timeoutMs: attempt.timeoutMs,
        signal: controller.signal,
      });
      clearTimeout(timer);
      proxied.stream.once('close', release);
      return proxied;
    }
    const options: RequestOptions & ClientTls & { rejectUnauthorized?: boolean } = {
      method: attempt.method,
      rejectUnauthorized: attempt.rejectUnauthorized,
      ...(url.protocol === 'https:' ? attempt.tls : undefined),
      protocol: url.protocol,
      host: url.hostname.replace(/^\[|\]$/g, ''),
      port: url.port || undefined,
      path: url.pathname + url.search,
      headers,
    };
    const makeRequest = url.protocol === 'https:' ? httpsRequest : httpRequest;
    const req = makeRequest({ ...options, signal: controller.signal });
    const responded = new Promise<IncomingMessage>((resolve, reject) => {
      req.once('response', resolve);
      req.once('error', reject);
    });
    let answered = false;
    responded.then(
      () => {
        answered = true;
      },
      () => {},
    );
    // A server may answer before the upload ends (413, 401): keep its answer then.
    writeBody(req, attempt.body).catch((error: unknown) => {
      if (!answered) req.destroy(error instanceof Error ? error : new Error(String(error)));
    });
    const response = await responded;
    clearTimeout(timer);
    // After the headers, the timeout guards each pause in the body instead.
    req.setTimeout(attempt.timeoutMs, () => {
      const error = timeoutError();
      response.destroy(error);
      req.destroy(error);
    });
    req.on('error', () => {}); // later errors surface on the response stream
    response.once('close', release);
    return fromIncoming(response);
  } catch (error) {
    release();
    const reason: unknown = controller.signal.reason;
    const cause = reason instanceof Error ? reason : error;
    throw tunnelRefusal(cause, target.proxy, url) ?? networkError(cause, target, attempt.signal);
  }
}

function bodyLength(body: RequestBody | undefined): number | undefined {
  if (!body) return undefined;
  return body.kind === 'bytes' ? body.data.byteLength : body.length;
}

async function writeBody(req: ClientRequest, body: RequestBody | undefined): Promise<void> {
  if (!body) {
    req.end();
    return;
  }
  if (body.kind === 'bytes') {
    req.end(body.data);
    return;
  }
  for await (const chunk of body.open()) {
    if (!req.write(chunk)) await once(req, 'drain');
  }
  req.end();
}

function toResponse(
  response: RawResponse,
  url: URL,
  request: TransportRequest,
  target: RequestTarget,
  done: () => void,
): TransportResponse {
  const headers: Record<string, string | string[]> = {};
  for (const [name, value] of Object.entries(response.headers))
    if (value !== undefined) headers[name] = value;
  const source = response.stream;
  let stream: Readable = source;
  const encoding = String(headers['content-encoding'] ?? '').toLowerCase();
  const decoder = request.decompress ? decoderFor(encoding) : undefined;
  if (decoder) {
    stream = source.pipe(decoder);
    source.once('error', (error) => decoder.destroy(error));
    delete headers['content-encoding'];
    delete headers['content-length'];
  }
  return {
    statusCode: response.statusCode,
    statusMessage: response.statusMessage,
    headers,
    url: url.href,
    body: mapErrors(stream, target, request.signal, done),
  };
}

// Sync flushing tolerates empty and truncated bodies the way browsers and axios do.
const ZLIB_LENIENT = { flush: zlib.Z_SYNC_FLUSH, finishFlush: zlib.Z_SYNC_FLUSH };
const BROTLI_LENIENT = { flush: zlib.BROTLI_OPERATION_FLUSH, finishFlush: zlib.BROTLI_OPERATION_FLUSH };

function decoderFor(encoding: string) {
  if (encoding === 'gzip' || encoding === 'x-gzip') return createGunzip(ZLIB_LENIENT);
  if (encoding === 'deflate') return createInflate(ZLIB_LENIENT);
  if (encoding === 'br') return createBrotliDecompress(BROTLI_LENIENT);
  return undefined;
}

async function* mapErrors(
  stream: Readable,
  target: RequestTarget,
  signal: AbortSignal | undefined,
  done: () => void,
): AsyncIterable<Uint8Array> {
  try {
    for await (const chunk of stream) {
      if (chunk instanceof Uint8Array) yield chunk;
    }
  } catch (error) {
    throw networkError(error, target, signal);
  } finally {
    if (!stream.destroyed) stream.destroy();
    done();
  }
}

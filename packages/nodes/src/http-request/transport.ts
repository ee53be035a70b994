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
import { openTlsTunnel, parseProxy, proxyAuthorization } from './proxy.ts';
import { networkError, type RequestTarget, timeoutError } from './transport-errors.ts';

/**
 * A small HTTP client over node:http/node:https with full control of
 * redirects, proxies (CONNECT for HTTPS), timeouts, TLS checks and streaming.
 * The response body is streamed; callers decide whether to buffer it.
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

export async function send(request: TransportRequest): Promise<TransportResponse> {
  let url = parseTarget(request.url);
  let method = request.method.toUpperCase();
  let headers = { ...request.headers };
  let body = request.body;
  const proxy = request.proxy ? parseProxy(request.proxy) : undefined;
  for (let redirects = 0; ; redirects++) {
    const target: RequestTarget = { url, proxy, timeoutMs: request.timeoutMs };
    const response = await sendOnce({ ...request, method, headers, body }, target);
    const location = response.headers.location;
    if (!request.followRedirects || !REDIRECTS.has(response.statusCode ?? 0) || !location) {
      return toResponse(response, url, request, target);
    }
    response.resume();
    if (redirects >= request.maxRedirects) {
      throw new GuixuError(
        'HTTP_TOO_MANY_REDIRECTS',
        `Stopped after ${request.maxRedirects} redirects (last: ${url.href})`,
        { details: { url: request.url }, description: 'Raise "Max Redirects" or check for a redirect loop.' },
      );
    }
    const next = parseTarget(location, url);
    const status = response.statusCode ?? 0;
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

async function sendOnce(attempt: Attempt, target: RequestTarget): Promise<IncomingMessage> {
  const { url, proxy } = target;
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
    const options: RequestOptions & ClientTls & { rejectUnauthorized?: boolean } = {
      method: attempt.method,
      rejectUnauthorized: attempt.rejectUnauthorized,
      ...(url.protocol === 'https:' ? attempt.tls : undefined),
    };
    let makeRequest = url.protocol === 'https:' ? httpsRequest : httpRequest;
    if (proxy && url.protocol === 'https:') {
      const tunnel = await raceAbort(
        openTlsTunnel({
          proxy,
          target: url,
          rejectUnauthorized: attempt.rejectUnauthorized,
          tls: attempt.tls,
        }),
        controller.signal,
      );
      Object.assign(options, { host: url.hostname, port: url.port || 443, path: url.pathname + url.search });
      options.createConnection = () => tunnel;
      makeRequest = httpRequest;
    } else if (proxy) {
      Object.assign(options, { host: proxy.hostname, port: proxy.port || 80, path: url.href });
      headers.host ??= url.host;
      const auth = proxyAuthorization(proxy);
      if (auth) headers['proxy-authorization'] = auth;
    } else {
      Object.assign(options, {
        protocol: url.protocol,
        host: url.hostname.replace(/^\[|\]$/g, ''),
        port: url.port || undefined,
        path: url.pathname + url.search,
      });
    }
    const length = bodyLength(attempt.body);
    if (length !== undefined) headers['content-length'] = String(length);
    options.headers = headers;
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
    return response;
  } catch (error) {
    release();
    const reason: unknown = controller.signal.reason;
    throw networkError(reason instanceof Error ? reason : error, target, attempt.signal);
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

function raceAbort<T>(promise: Promise<T & { destroy(): void }>, signal: AbortSignal): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    if (signal.aborted) onAbort();
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        if (signal.aborted) value.destroy();
        else resolve(value);
      },
      (error) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}

function toResponse(
  response: IncomingMessage,
  url: URL,
  request: TransportRequest,
  target: RequestTarget,
): TransportResponse {
  const headers: Record<string, string | string[]> = {};
  for (const [name, value] of Object.entries(response.headers))
    if (value !== undefined) headers[name] = value;
  let stream: Readable = response;
  const encoding = String(headers['content-encoding'] ?? '').toLowerCase();
  const decoder = request.decompress ? decoderFor(encoding) : undefined;
  if (decoder) {
    stream = response.pipe(decoder);
    response.once('error', (error) => decoder.destroy(error));
    delete headers['content-encoding'];
    delete headers['content-length'];
  }
  return {
    statusCode: response.statusCode ?? 0,
    statusMessage: response.statusMessage ?? '',
    headers,
    url: url.href,
    body: mapErrors(stream, target, request.signal),
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
): AsyncIterable<Uint8Array> {
  try {
    for await (const chunk of stream) {
      if (chunk instanceof Uint8Array) yield chunk;
    }
  } catch (error) {
    throw networkError(error, target, signal);
  } finally {
    if (!stream.destroyed) stream.destroy();
  }
}

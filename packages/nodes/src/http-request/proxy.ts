import { STATUS_CODES } from 'node:http';
import { Readable } from 'node:stream';
import { GuixuError } from '@guixu/core';
import {
  type buildConnector,
  type Dispatcher,
  EnvHttpProxyAgent,
  Pool,
  ProxyAgent,
  request as undiciRequest,
} from 'undici';
import type { ClientTls } from './client-tls.ts';
import type { ProxyEnvironment } from './env-proxy.ts';

/**
 * Requests through a proxy go through undici: `ProxyAgent` for the node's "Proxy"
 * option (absolute-form requests for http://, a CONNECT tunnel for https://, proxy
 * credentials from the URL) and `EnvHttpProxyAgent` for HTTP_PROXY / HTTPS_PROXY /
 * NO_PROXY. Direct requests stay on node:http (transport.ts).
 */

/** Parses the "Proxy" option (`http://[user:pass@]host:port`). */
export function parseProxy(value: string): URL {
  let url: URL;
  try {
    url = new URL(value.includes('://') ? value : `http://${value}`);
  } catch {
    throw new GuixuError('HTTP_PROXY_INVALID', `Proxy "${value}" is not a valid URL`, {
      parameter: 'options.proxy',
      description: 'Use the form http://host:port or http://user:password@host:port.',
    });
  }
  if (url.protocol !== 'http:') {
    throw new GuixuError('HTTP_PROXY_INVALID', `Proxy "${value}" must use http:// (got ${url.protocol})`, {
      parameter: 'options.proxy',
    });
  }
  return url;
}

export interface ProxyRoute {
  dispatcher: Dispatcher;
  /** For messages: the proxy a request to `url` most likely went through. */
  proxyFor(url: URL): URL | undefined;
}

function tlsOptions(rejectUnauthorized: boolean, tls: ClientTls | undefined) {
  return { rejectUnauthorized, ...tls };
}

/** One request opens at most one tunnel per origin it visits (redirects included). */
const MAX_TUNNEL_CONNECTIONS = 32;
const TUNNEL_LOOP = 'HTTP_PROXY_TUNNEL_LOOP';

/**
 * undici 7 re-sends a CONNECT that the proxy closed without answering, at once and
 * without end (nodejs/undici#3897, fixed in undici 8 which needs Node 22). Each
 * request has its own agent, so past a few dozen connections to the proxy the
 * connection attempt fails instead, and that error ends the request.
 */
function proxyClientFactory(
  origin: URL | string,
  options: { connect?: buildConnector.connector },
): Dispatcher {
  let connections = 0;
  const connect = options.connect;
  return new Pool(origin, {
    ...options,
    connect: (connectOptions, callback) => {
      connections += 1;
      if (connections > MAX_TUNNEL_CONNECTIONS || connect === undefined) {
        const error = Object.assign(
          new Error('the proxy keeps closing the connection without answering CONNECT'),
          {
            code: TUNNEL_LOOP,
          },
        );
        callback(error, null);
        return;
      }
      connect(connectOptions, callback);
    },
  });
}

export function explicitProxy(proxy: URL, rejectUnauthorized: boolean, tls?: ClientTls): ProxyRoute {
  const dispatcher = new ProxyAgent({
    uri: proxy.href,
    clientFactory: proxyClientFactory,
    // http:// targets are sent to the proxy in absolute form, as proxies and their logs expect.
    proxyTunnel: false,
    requestTls: tlsOptions(rejectUnauthorized, tls),
  });
  return { dispatcher, proxyFor: () => proxy };
}

export function environmentProxy(
  env: ProxyEnvironment,
  rejectUnauthorized: boolean,
  tls?: ClientTls,
): ProxyRoute {
  const options = tlsOptions(rejectUnauthorized, tls);
  const dispatcher = new EnvHttpProxyAgent({
    ...env,
    proxyTunnel: false,
    connect: options,
    requestTls: options,
    clientFactory: proxyClientFactory,
  });
  const parsed = (value: string) => (value ? parseProxy(value) : undefined);
  const http = parsed(env.httpProxy);
  const https = parsed(env.httpsProxy) ?? http;
  return { dispatcher, proxyFor: (url) => (url.protocol === 'https:' ? https : http) };
}

export interface ProxiedAttempt {
  url: URL;
  method: string;
  headers: Record<string, string>;
  body?: Uint8Array | AsyncIterable<Uint8Array>;
  timeoutMs: number;
  signal: AbortSignal;
}

export interface ProxiedResponse {
  statusCode: number;
  statusMessage: string;
  headers: Record<string, string | string[]>;
  stream: Readable;
}

/** One request through the route's dispatcher (no redirects: the transport follows them). */
export async function sendThroughProxy(route: ProxyRoute, attempt: ProxiedAttempt): Promise<ProxiedResponse> {
  const pending = undiciRequest(attempt.url, {
    dispatcher: route.dispatcher,
    method: attempt.method as Dispatcher.HttpMethod,
    headers: attempt.headers,
    ...(attempt.body === undefined
      ? {}
      : { body: attempt.body instanceof Uint8Array ? attempt.body : Readable.from(attempt.body) }),
    headersTimeout: attempt.timeoutMs,
    bodyTimeout: attempt.timeoutMs,
    signal: attempt.signal,
  });
  // undici settles an aborted request only once it is connected, and re-sends a CONNECT that a
  // proxy closed without answering: the caller's timeout must end the wait (and destroy the agent).
  const response = await new Promise<Dispatcher.ResponseData>((resolve, reject) => {
    const onAbort = () => reject(attempt.signal.reason);
    if (attempt.signal.aborted) onAbort();
    attempt.signal.addEventListener('abort', onAbort, { once: true });
    pending.then(resolve, reject).finally(() => attempt.signal.removeEventListener('abort', onAbort));
  });
  const headers: Record<string, string | string[]> = {};
  for (const [name, value] of Object.entries(response.headers))
    if (value !== undefined) headers[name] = value;
  return {
    statusCode: response.statusCode,
    statusMessage: STATUS_CODES[response.statusCode] ?? '',
    headers,
    stream: response.body,
  };
}

/** A proxy that refused the CONNECT tunnel (undici: "Proxy response (407) !== 200 when HTTP Tunneling"). */
export function tunnelRefusal(error: unknown, proxy: URL | undefined, target: URL): GuixuError | undefined {
  const message = error instanceof Error ? error.message : '';
  if (typeof error === 'object' && error !== null && 'code' in error && error.code === TUNNEL_LOOP) {
    return new GuixuError(
      'HTTP_PROXY_ERROR',
      `Proxy ${proxy?.host ?? ''} closed the connection without opening a tunnel to ${target.host}`,
      {
        cause: error,
        details: { proxyStatus: null },
        retryable: true,
        description: 'Check that the proxy supports CONNECT for https:// addresses.',
      },
    );
  }
  const status = /Proxy response \((\d+)\)/.exec(message)?.[1];
  if (status === undefined) return undefined;
  const code = Number(status);
  const authority = `${target.hostname}:${target.port || '443'}`;
  return new GuixuError(
    'HTTP_PROXY_ERROR',
    `Proxy ${proxy?.host ?? ''} refused to open a tunnel to ${authority}: ${code} ${STATUS_CODES[code] ?? ''}`.trim(),
    { cause: error, details: { proxyStatus: code }, retryable: code !== 407 },
  );
}

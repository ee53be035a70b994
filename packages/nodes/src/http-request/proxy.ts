import { request as httpRequest } from 'node:http';
import { isIP, type Socket } from 'node:net';
import { connect as tlsConnect, type TLSSocket } from 'node:tls';
import { GuixuError } from '@guixu/core';
import type { ClientTls } from './client-tls.ts';

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

export function proxyAuthorization(proxy: URL): string | undefined {
  if (!proxy.username && !proxy.password) return undefined;
  const user = decodeURIComponent(proxy.username);
  const pass = decodeURIComponent(proxy.password);
  return `Basic ${Buffer.from(`${user}:${pass}`).toString('base64')}`;
}

export interface TunnelOptions {
  proxy: URL;
  target: URL;
  rejectUnauthorized: boolean;
  tls?: ClientTls;
  signal?: AbortSignal;
}

/** Opens a CONNECT tunnel through an HTTP proxy and starts TLS to the target inside it. */
export function openTlsTunnel(options: TunnelOptions): Promise<TLSSocket> {
  const { proxy, target } = options;
  const port = target.port || '443';
  const authority = `${target.hostname}:${port}`;
  const headers: Record<string, string> = { host: authority };
  const auth = proxyAuthorization(proxy);
  if (auth) headers['proxy-authorization'] = auth;
  return new Promise((resolve, reject) => {
    const connectRequest = httpRequest({
      host: proxy.hostname,
      port: proxy.port || 80,
      method: 'CONNECT',
      path: authority,
      headers,
      signal: options.signal,
    });
    connectRequest.once('connect', (response, socket: Socket) => {
      if (response.statusCode !== 200) {
        socket.destroy();
        reject(
          new GuixuError(
            'HTTP_PROXY_ERROR',
            `Proxy ${proxy.host} refused to open a tunnel to ${authority}: ${response.statusCode} ${response.statusMessage ?? ''}`.trim(),
            { details: { proxyStatus: response.statusCode ?? null }, retryable: response.statusCode !== 407 },
          ),
        );
        return;
      }
      const servername = isIP(target.hostname) ? undefined : target.hostname;
      const tls = tlsConnect({
        socket,
        servername,
        rejectUnauthorized: options.rejectUnauthorized,
        ...options.tls,
      });
      tls.once('secureConnect', () => {
        tls.removeListener('error', reject);
        resolve(tls);
      });
      tls.once('error', reject);
    });
    connectRequest.once('error', reject);
    connectRequest.end();
  });
}

import { isIP } from 'node:net';

/** What undici's EnvHttpProxyAgent is given: read from the environment the node sees, never from process.env itself. */
export interface ProxyEnvironment {
  httpProxy: string;
  httpsProxy: string;
  noProxy: string;
}

/** Loopback hosts never go through an environment proxy (as in Go's net/http); undici matches the rest of NO_PROXY. */
const LOOPBACK_NO_PROXY = ['localhost', '.localhost', '127.0.0.1', '[::1]'];

/**
 * HTTP_PROXY / HTTPS_PROXY / NO_PROXY (either letter case) for an
 * EnvHttpProxyAgent; undefined when no proxy variable is set.
 */
export function proxyEnvironment(env: Record<string, string | undefined>): ProxyEnvironment | undefined {
  const read = (name: string) => (env[name.toLowerCase()] ?? env[name.toUpperCase()] ?? '').trim();
  const httpProxy = read('http_proxy');
  const httpsProxy = read('https_proxy');
  if (httpProxy === '' && httpsProxy === '') return undefined;
  const noProxy = read('no_proxy');
  if (noProxy === '*') return { httpProxy, httpsProxy, noProxy };
  return { httpProxy, httpsProxy, noProxy: [...LOOPBACK_NO_PROXY, noProxy].filter(Boolean).join(',') };
}

/** 127.0.0.0/8 beyond 127.0.0.1 too, which a NO_PROXY entry cannot express. */
export function isLoopback(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  if (host === 'localhost' || host.endsWith('.localhost')) return true;
  if (isIP(host) === 4) return host.startsWith('127.');
  return host === '::1';
}

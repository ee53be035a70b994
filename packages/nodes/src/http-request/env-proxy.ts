import { isIP } from 'node:net';

/**
 * The proxy for a URL from HTTP_PROXY / HTTPS_PROXY / NO_PROXY (either case),
 * used when the node sets no "Proxy" option. Like Go's net/http, loopback
 * hosts never go through an environment proxy.
 */
export function proxyFromEnv(target: string, env: Record<string, string | undefined>): string | undefined {
  let url: URL;
  try {
    url = new URL(target);
  } catch {
    return undefined;
  }
  const host = url.hostname.replace(/^\[|\]$/g, '').toLowerCase();
  if (isLoopback(host)) return undefined;
  const read = (name: string) => env[name.toLowerCase()] ?? env[name.toUpperCase()];
  const proxy = url.protocol === 'https:' ? read('https_proxy') : read('http_proxy');
  if (!proxy?.trim()) return undefined;
  const port = url.port || (url.protocol === 'https:' ? '443' : '80');
  return bypassed(host, port, read('no_proxy') ?? '') ? undefined : proxy.trim();
}

function isLoopback(host: string): boolean {
  if (host === 'localhost' || host.endsWith('.localhost')) return true;
  if (isIP(host) === 4) return host.startsWith('127.');
  return host === '::1';
}

function bypassed(host: string, port: string, noProxy: string): boolean {
  for (const raw of noProxy.split(/[,\s]+/)) {
    const entry = raw.trim().toLowerCase();
    if (!entry) continue;
    if (entry === '*') return true;
    const [name = '', entryPort] = entry.startsWith('[') ? splitBracketed(entry) : splitPort(entry);
    if (entryPort && entryPort !== port) continue;
    const bare = name.replace(/^\*?\./, '');
    if (host === bare || host.endsWith(`.${bare}`)) return true;
  }
  return false;
}

function splitPort(entry: string): [string, string | undefined] {
  const colon = entry.lastIndexOf(':');
  if (colon > 0 && entry.indexOf(':') === colon) return [entry.slice(0, colon), entry.slice(colon + 1)];
  return [entry, undefined];
}

function splitBracketed(entry: string): [string, string | undefined] {
  const end = entry.indexOf(']');
  const port = entry.slice(end + 1).replace(/^:/, '');
  return [entry.slice(1, end), port || undefined];
}

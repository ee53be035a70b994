import type { FastifyReply, FastifyRequest } from 'fastify';

export const ACCESS_COOKIE = 'guixu_access';
export const REFRESH_COOKIE = 'guixu_refresh';
/** Readable by the page: double-submit CSRF token, echoed in the `x-guixu-csrf` header. */
export const CSRF_COOKIE = 'guixu_csrf';
export const CSRF_HEADER = 'x-guixu-csrf';
/** The refresh cookie only travels to the auth routes. */
export const REFRESH_COOKIE_PATH = '/api/v1/auth';

export function readCookie(request: FastifyRequest, name: string): string | undefined {
  const header = request.headers.cookie;
  if (typeof header !== 'string') return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq === -1) continue;
    if (part.slice(0, eq).trim() !== name) continue;
    const raw = part.slice(eq + 1).trim();
    try {
      return decodeURIComponent(raw);
    } catch {
      return undefined;
    }
  }
  return undefined;
}

export interface CookieOptions {
  maxAgeSeconds: number;
  httpOnly: boolean;
  secure: boolean;
  sameSite: 'Strict' | 'Lax';
  path: string;
}

function serialize(name: string, value: string, options: CookieOptions): string {
  const parts = [
    `${name}=${encodeURIComponent(value)}`,
    `Path=${options.path}`,
    `Max-Age=${options.maxAgeSeconds}`,
  ];
  parts.push(`SameSite=${options.sameSite}`);
  if (options.httpOnly) parts.push('HttpOnly');
  if (options.secure) parts.push('Secure');
  return parts.join('; ');
}

/** Adds a Set-Cookie header, keeping the ones already set on this reply. */
export function setCookie(reply: FastifyReply, name: string, value: string, options: CookieOptions): void {
  const existing = reply.getHeader('set-cookie');
  const list = Array.isArray(existing)
    ? existing.map(String)
    : typeof existing === 'string'
      ? [existing]
      : [];
  list.push(serialize(name, value, options));
  reply.header('set-cookie', list);
}

export function clearCookie(reply: FastifyReply, name: string, path: string, secure: boolean): void {
  setCookie(reply, name, '', { maxAgeSeconds: 0, httpOnly: true, secure, sameSite: 'Lax', path });
}

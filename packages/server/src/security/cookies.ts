import { createHmac } from 'node:crypto';
import cookie from '@fastify/cookie';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

export const ACCESS_COOKIE = 'guixu_access';
export const REFRESH_COOKIE = 'guixu_refresh';
/** Readable by the page: the session's CSRF token, echoed in the `x-guixu-csrf` header. */
export const CSRF_COOKIE = 'guixu_csrf';
export const CSRF_HEADER = 'x-guixu-csrf';
/** The refresh cookie only travels to the auth routes. */
export const REFRESH_COOKIE_PATH = '/api/v1/auth';
/** Every cookie the instance sets starts with this; workflow answers may not set such a cookie. */
export const INSTANCE_COOKIE_PREFIX = 'guixu_';

/** Registers @fastify/cookie: `request.cookies` parsed on every request, `reply.setCookie` for the helpers below. */
export async function installCookies(app: FastifyInstance): Promise<void> {
  await app.register(cookie);
}

export function readCookie(request: FastifyRequest, name: string): string | undefined {
  return request.cookies[name];
}

export interface CookieOptions {
  maxAgeSeconds: number;
  httpOnly: boolean;
  secure: boolean;
  sameSite: 'Strict' | 'Lax';
  path: string;
}

/** Adds a Set-Cookie header, keeping the ones already set on this reply. */
export function setCookie(reply: FastifyReply, name: string, value: string, options: CookieOptions): void {
  reply.setCookie(name, value, {
    path: options.path,
    maxAge: options.maxAgeSeconds,
    httpOnly: options.httpOnly,
    secure: options.secure,
    sameSite: options.sameSite === 'Strict' ? 'strict' : 'lax',
  });
}

export function clearCookie(reply: FastifyReply, name: string, path: string, secure: boolean): void {
  setCookie(reply, name, '', { maxAgeSeconds: 0, httpOnly: true, secure, sameSite: 'Lax', path });
}

/**
 * The CSRF token of a session: a MAC of its id, so a token from another
 * session, or a cookie an attacker planted, never matches.
 */
export function csrfTokenFor(key: Buffer, sessionId: string): string {
  return createHmac('sha256', key).update(`csrf:${sessionId}`).digest('base64url');
}

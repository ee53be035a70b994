import type { FastifyReply, FastifyRequest } from 'fastify';
import {
  ACCESS_COOKIE,
  CSRF_COOKIE,
  clearCookie,
  csrfTokenFor,
  REFRESH_COOKIE,
  REFRESH_COOKIE_PATH,
  setCookie,
} from '../../security/cookies.ts';
import type { SecurityCore } from '../../security/core.ts';
import type { AccountService, ClientMeta, IssuedSession, UserRow } from './accounts.ts';

export function clientMeta(request: FastifyRequest): ClientMeta {
  const agent = request.headers['user-agent'];
  return { ip: request.ip ?? null, userAgent: typeof agent === 'string' ? agent : null };
}

/**
 * Browsers get httpOnly cookies (access: Lax, refresh: Strict and only sent
 * to /api/v1/auth) plus a readable CSRF cookie bound to the session; scripts asking for
 * `tokens: "body"` get the tokens in the response instead.
 */
export function sessionReply(options: {
  reply: FastifyReply;
  security: SecurityCore;
  accounts: AccountService;
  issued: IssuedSession;
  user: UserRow;
  delivery: 'cookie' | 'body';
}) {
  const { reply, security, issued, delivery } = options;
  const user = options.accounts.toUser(options.user);
  const accessTokenExpiresAt = issued.accessTokenExpiresAt.toISOString();
  if (delivery === 'body') {
    return { user, accessTokenExpiresAt, accessToken: issued.accessToken, refreshToken: issued.refreshToken };
  }
  const secure = security.settings.cookieSecure;
  const csrfToken = csrfTokenFor(security.csrfKey, issued.sessionId);
  setCookie(reply, ACCESS_COOKIE, issued.accessToken, {
    maxAgeSeconds: security.settings.accessTokenTtlSeconds,
    httpOnly: true,
    secure,
    sameSite: 'Lax',
    path: '/',
  });
  setCookie(reply, REFRESH_COOKIE, issued.refreshToken, {
    maxAgeSeconds: Math.max(0, Math.floor((issued.refreshExpiresAt.getTime() - Date.now()) / 1000)),
    httpOnly: true,
    secure,
    sameSite: 'Strict',
    path: REFRESH_COOKIE_PATH,
  });
  setCookie(reply, CSRF_COOKIE, csrfToken, {
    maxAgeSeconds: security.settings.refreshTokenTtlDays * 86_400,
    httpOnly: false,
    secure,
    sameSite: 'Strict',
    path: '/',
  });
  return { user, accessTokenExpiresAt, csrfToken };
}

export function clearSessionCookies(reply: FastifyReply, security: SecurityCore): void {
  const secure = security.settings.cookieSecure;
  clearCookie(reply, ACCESS_COOKIE, '/', secure);
  clearCookie(reply, REFRESH_COOKIE, REFRESH_COOKIE_PATH, secure);
  clearCookie(reply, CSRF_COOKIE, '/', secure);
}

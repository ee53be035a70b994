import { GuixuError } from '@guixu/core';
import { registerErrorStatus } from '../http/http-errors.ts';

/** Codes of the security layer whose HTTP status does not follow the suffix conventions. */
export const AuthCodes = {
  required: 'AUTH_REQUIRED',
  invalidCredentials: 'AUTH_INVALID_CREDENTIALS',
  tokenInvalid: 'AUTH_TOKEN_INVALID',
  forbidden: 'FORBIDDEN',
  csrf: 'CSRF_TOKEN_INVALID',
  locked: 'ACCOUNT_LOCKED',
  setupDone: 'OWNER_EXISTS',
  ssoFailed: 'SSO_FAILED',
} as const;

registerErrorStatus(AuthCodes.required, 401);
registerErrorStatus(AuthCodes.invalidCredentials, 401);
registerErrorStatus(AuthCodes.tokenInvalid, 401);
registerErrorStatus(AuthCodes.forbidden, 403);
registerErrorStatus(AuthCodes.csrf, 403);
registerErrorStatus(AuthCodes.locked, 429);
registerErrorStatus(AuthCodes.ssoFailed, 401);

export function authRequired(): GuixuError {
  return new GuixuError(
    AuthCodes.required,
    'Sign in first: send a session cookie, an "Authorization: Bearer" access token or an API key',
  );
}

export function tokenInvalid(what: string): GuixuError {
  return new GuixuError(AuthCodes.tokenInvalid, `The ${what} is invalid, expired or revoked; sign in again`);
}

export function forbidden(action: string, resource: string): GuixuError {
  return new GuixuError(AuthCodes.forbidden, `You are not allowed to ${action} this ${resource}`, {
    details: { action, resource },
  });
}

/**
 * How a caller proves who they are, as the OpenAPI document declares it. The
 * server accepts any one of these (server/src/security/core.ts); a test there
 * checks that the names below are the ones it reads.
 */
export const API_KEY_HEADER = 'X-API-Key';
export const ACCESS_COOKIE_NAME = 'guixu_access';
export const CSRF_HEADER_NAME = 'X-Guixu-CSRF';

export const securitySchemes = {
  bearerAuth: {
    type: 'http',
    scheme: 'bearer',
    bearerFormat: 'JWT',
    description:
      'An access token from `POST /api/v1/auth/login` (short-lived; renew with `POST /api/v1/auth/refresh`). ' +
      'An API key (`gx_…`) is accepted here too.',
  },
  apiKey: {
    type: 'apiKey',
    in: 'header',
    name: API_KEY_HEADER,
    description: 'An API key created under Settings → API keys, limited to its scopes.',
  },
  cookieSession: {
    type: 'apiKey',
    in: 'cookie',
    name: ACCESS_COOKIE_NAME,
    description: `The browser session set at sign-in. Requests that change data also send the ${CSRF_HEADER_NAME} header.`,
  },
} as const;

/** Any one scheme suffices (OpenAPI: alternatives are separate requirement objects). */
export const anyCredential = Object.keys(securitySchemes).map((name) => ({ [name]: [] }));

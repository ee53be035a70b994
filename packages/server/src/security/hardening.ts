import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { SecuritySettings } from './settings.ts';

const HEADERS: Record<string, string> = {
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin',
  // The API answers JSON; the SPA's own policy is set where it is served.
  'content-security-policy': "default-src 'none'; frame-ancestors 'none'",
};

const ALLOWED_METHODS = 'GET, POST, PUT, PATCH, DELETE';
const ALLOWED_HEADERS = 'content-type, authorization, x-api-key, x-guixu-csrf, x-request-id';

function applyHeaders(settings: SecuritySettings, request: FastifyRequest, reply: FastifyReply): void {
  for (const [name, value] of Object.entries(HEADERS)) {
    if (!reply.hasHeader(name)) reply.header(name, value);
  }
  if (settings.cookieSecure) reply.header('strict-transport-security', 'max-age=31536000; includeSubDomains');
  const origin = request.headers.origin;
  if (typeof origin === 'string' && settings.corsOrigins.includes(origin.replace(/\/+$/, ''))) {
    reply.header('access-control-allow-origin', origin);
    reply.header('access-control-allow-credentials', 'true');
    reply.header('vary', 'Origin');
  }
}

/**
 * Paths whose answers are the user's own (webhook responses, forms, resume
 * calls): their workflow decides headers and CORS (per node), not the API's policy.
 */
export const OWN_HEADERS_PREFIXES: readonly string[] = [
  '/webhook/',
  '/webhook-test/',
  '/webhook-waiting/',
  '/form/',
];

export interface HardeningOptions {
  /** URL prefixes left alone (default none). */
  skipPrefixes?: readonly string[];
}

/**
 * Security headers on every answer, CORS for the configured origins only
 * (with credentials), and pre-flight answers. Installed on the scope given:
 * the root instance for the whole server, or a feature's scope.
 */
export function installHardening(
  app: FastifyInstance,
  settings: SecuritySettings,
  options: HardeningOptions = {},
): void {
  const skip = options.skipPrefixes ?? [];
  app.addHook('onRequest', async (request, reply) => {
    if (skip.some((prefix) => request.url.startsWith(prefix))) return;
    applyHeaders(settings, request, reply);
    if (
      request.method === 'OPTIONS' &&
      typeof request.headers['access-control-request-method'] === 'string'
    ) {
      const origin = request.headers.origin;
      if (typeof origin === 'string' && settings.corsOrigins.includes(origin.replace(/\/+$/, ''))) {
        reply.header('access-control-allow-methods', ALLOWED_METHODS);
        reply.header('access-control-allow-headers', ALLOWED_HEADERS);
        reply.header('access-control-max-age', '600');
        return reply.status(204).send();
      }
      return reply
        .status(403)
        .send({ code: 'CORS_ORIGIN_DENIED', message: `Origin ${String(origin)} is not allowed` });
    }
  });
}

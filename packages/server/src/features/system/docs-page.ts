import { createHash } from 'node:crypto';
import scalarApiReference from '@scalar/fastify-api-reference';
import type { FastifyInstance } from 'fastify';

export const DOCS_PATH = '/docs';
const INLINE_SCRIPT = /<script\b(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/g;

/**
 * The page's own policy in place of the API's `default-src 'none'`: the reference's
 * script from this server, its inline start-up script by hash, inline styles
 * (the reference sets them at run time), and requests to this origin only.
 */
export function docsCsp(html: string): string {
  const hashes = [...html.matchAll(INLINE_SCRIPT)].map(
    (match) =>
      `'sha256-${createHash('sha256')
        .update(match[1] ?? '')
        .digest('base64')}'`,
  );
  return [
    "default-src 'none'",
    ["script-src 'self'", ...hashes].join(' '),
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/**
 * Interactive API docs at `/docs/` with Scalar's API reference, served from this
 * server (no CDN, no external fonts, no telemetry) and reading `/api/v1/openapi.json`.
 */
export async function registerDocs(app: FastifyInstance): Promise<void> {
  await app.register(async (scope) => {
    scope.addHook('onSend', async (_request, reply, payload) => {
      if (typeof payload === 'string' && String(reply.getHeader('content-type')).startsWith('text/html')) {
        reply.header('content-security-policy', docsCsp(payload));
      }
      return payload;
    });
    await scope.register(scalarApiReference, {
      routePrefix: DOCS_PATH,
      configuration: {
        url: '/api/v1/openapi.json',
        pageTitle: 'GuixuFlow API',
        withDefaultFonts: false,
        telemetry: false,
        // The AI agent would load documents through Scalar's servers (the CSP would refuse them anyway).
        agent: { disabled: true },
        // Scalar's toolbar (share, deploy) talks to its own services; operators browsing /docs on localhost do not need it.
        showDeveloperTools: 'never',
      },
    });
  });
}

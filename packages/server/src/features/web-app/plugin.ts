import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Feature } from '../../context.ts';
import { type StaticFile, StaticFiles } from './static-files.ts';
import { findWebDist } from './web-dist.ts';

/** Paths that belong to the API and the engine: never answered with the app. */
const SERVER_PREFIXES = ['/api/', '/webhook', '/form/', '/healthz', '/readyz', '/metrics', '/docs'];

/** Only the app's own scripts run; styles may be inline (Vue Flow and CodeMirror set them). */
export const WEB_APP_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

const IMMUTABLE = 'public, max-age=31536000, immutable';

const NOT_BUILT = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>GuixuFlow</title></head>
<body><h1>GuixuFlow</h1><p>The web app is not built. Run <code>npm run build</code> (or <code>npm start</code>, which builds it) and reload.</p>
<p>The API answers at <a href="/docs">/docs</a>.</p></body></html>`;

function send(request: FastifyRequest, reply: FastifyReply, file: StaticFile, cache: string) {
  reply.header('cache-control', cache).header('vary', 'accept-encoding').type(file.type);
  const accepts = request.headers['accept-encoding'];
  if (file.gzip && typeof accepts === 'string' && /\bgzip\b/.test(accepts)) {
    return reply.header('content-encoding', 'gzip').send(file.gzip);
  }
  return reply.send(file.body);
}

/**
 * Serves the built web app (`packages/web/dist`) at `/`: hashed assets with
 * long cache headers, the other files briefly cached, and `index.html` for
 * every other path that is not the server's (the app's router takes it from
 * there).
 */
export const feature: Feature = {
  name: 'web-app',
  // Last: every other feature's routes win over the catch-all.
  order: 1000,
  routes(app) {
    const root = findWebDist();
    const files = root === undefined ? undefined : new StaticFiles(root);
    const handler = async (request: FastifyRequest, reply: FastifyReply) => {
      const path = request.url.split('?')[0] ?? '/';
      if (SERVER_PREFIXES.some((prefix) => path.startsWith(prefix))) return reply.callNotFound();
      reply.header('content-security-policy', WEB_APP_CSP);
      if (files === undefined) {
        return reply
          .status(503)
          .header('cache-control', 'no-store')
          .type('text/html; charset=utf-8')
          .send(NOT_BUILT);
      }
      if (path !== '/' && path !== '/index.html') {
        const file = await files.get(path.slice(1));
        if (file !== undefined)
          return send(request, reply, file, path.startsWith('/assets/') ? IMMUTABLE : 'public, max-age=300');
        // A missing asset is a 404, not the app: a stale tab must not parse HTML as a script.
        if (path.startsWith('/assets/') || /\.\w{1,8}$/.test(path)) return reply.callNotFound();
      }
      const index = await files.get('index.html');
      if (index === undefined) return reply.callNotFound();
      return send(request, reply, index, 'no-cache');
    };
    app.get('/', handler);
    app.get('/*', handler);
  },
};

import type { FastifyInstance } from 'fastify';
import type { Logger } from 'pino';

/**
 * One access line per request: at info when `GUIXU_LOG_REQUESTS` is on,
 * otherwise at debug. The query string is left out (it may carry tokens);
 * `ip` is the client address after `GUIXU_TRUST_PROXY`.
 */
export function installRequestLog(app: FastifyInstance, options: { enabled: boolean; log: Logger }): void {
  const level = options.enabled ? 'info' : 'debug';
  app.addHook('onResponse', (request, reply, done) => {
    if (options.log.isLevelEnabled(level)) {
      const path = request.url.split('?', 1)[0];
      request.log[level](
        {
          method: request.method,
          path,
          status: reply.statusCode,
          ms: Math.round(reply.elapsedTime * 10) / 10,
          ip: request.ip,
        },
        'request',
      );
    }
    done();
  });
}

import type { FastifyInstance } from 'fastify';

/**
 * JSON bodies: an empty body is "no body" (clients send `content-type: json`
 * on bodiless POSTs), and `__proto__` keys are dropped so a parsed body can
 * never reach an object's prototype.
 */
export function installJsonParser(app: FastifyInstance): void {
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (_request, body, done) => {
    const text = typeof body === 'string' ? body : body.toString('utf8');
    if (text.trim() === '') return done(null, undefined);
    try {
      const value: unknown = text.includes('"__proto__"')
        ? JSON.parse(text, (key, v) => (key === '__proto__' ? undefined : v))
        : JSON.parse(text);
      done(null, value);
    } catch (error) {
      const syntax = error instanceof SyntaxError ? error : new SyntaxError(String(error));
      Object.assign(syntax, { statusCode: 400 });
      done(syntax, undefined);
    }
  });
}

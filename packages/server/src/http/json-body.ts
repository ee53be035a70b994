import { GuixuError } from '@guixu/core';
import type { FastifyInstance } from 'fastify';

/** Deeper documents are refused before parsing: recursive code further on must never overflow the stack. */
export const MAX_JSON_DEPTH = 128;

/** Deepest nesting of arrays/objects in JSON text, ignoring brackets inside strings. */
export function jsonDepth(text: string): number {
  let depth = 0;
  let max = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92) i++;
      else if (c === 34) inString = false;
    } else if (c === 34) inString = true;
    else if (c === 91 || c === 123) {
      if (++depth > max) max = depth;
    } else if (c === 93 || c === 125) depth--;
  }
  return max;
}

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
    if (jsonDepth(text) > MAX_JSON_DEPTH) {
      return done(
        new GuixuError('JSON_TOO_DEEP', `Request body nests deeper than ${MAX_JSON_DEPTH} levels`, {
          details: { maxDepth: MAX_JSON_DEPTH },
        }),
        undefined,
      );
    }
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

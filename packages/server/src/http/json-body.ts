import { GuixuError, type JsonValue } from '@guixu/core';
import type { FastifyInstance } from 'fastify';
import { HttpCodes } from './http-errors.ts';

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
 * Parses a JSON request body: deeper documents are refused before parsing
 * (JSON_TOO_DEEP), bad text is MALFORMED_JSON, and `__proto__` keys are
 * dropped so a parsed body can never reach an object's prototype.
 */
export function parseJsonText(text: string): JsonValue {
  if (jsonDepth(text) > MAX_JSON_DEPTH) {
    throw new GuixuError('JSON_TOO_DEEP', `Request body nests deeper than ${MAX_JSON_DEPTH} levels`, {
      details: { maxDepth: MAX_JSON_DEPTH },
    });
  }
  try {
    // A reviver costs ~3x on every body; only bodies that mention __proto__ need it.
    return text.includes('"__proto__"')
      ? JSON.parse(text, (key, v) => (key === '__proto__' ? undefined : v))
      : JSON.parse(text);
  } catch (error) {
    throw new GuixuError(
      HttpCodes.malformedJson,
      `Request body is not valid JSON: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
}

/** JSON bodies of API routes: an empty body is "no body" (clients send `content-type: json` on bodiless POSTs). */
export function installJsonParser(app: FastifyInstance): void {
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (_request, body, done) => {
    const text = typeof body === 'string' ? body : body.toString('utf8');
    if (text.trim() === '') return done(null, undefined);
    try {
      done(null, parseJsonText(text));
    } catch (error) {
      done(error instanceof Error ? error : new Error(String(error)), undefined);
    }
  });
}

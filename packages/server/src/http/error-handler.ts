import { GuixuError, type PlainError } from '@guixu/core';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { HttpCodes, statusForError } from './http-errors.ts';

export interface ErrorReply {
  status: number;
  body: { code: string; message: string; details?: Record<string, unknown> };
  /** Seconds, for 429/503. */
  retryAfter?: number;
}

const hasNumber = (value: object, key: string): boolean => typeof Reflect.get(value, key) === 'number';

function isFastifyError(error: unknown): error is FastifyError {
  return error instanceof Error && typeof Reflect.get(error, 'code') === 'string';
}

/** Fastify's own errors, by code, into ours. */
function fromFastify(error: FastifyError): ErrorReply | undefined {
  switch (error.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return {
        status: 413,
        body: { code: HttpCodes.tooLarge, message: 'Request body is larger than the limit' },
      };
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return {
        status: 415,
        body: {
          code: HttpCodes.unsupportedMediaType,
          message: 'Unsupported content type; send application/json',
        },
      };
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      return {
        status: 400,
        body: { code: HttpCodes.malformedJson, message: 'Request body is not valid JSON' },
      };
  }
  if (error instanceof SyntaxError) {
    return {
      status: 400,
      body: { code: HttpCodes.malformedJson, message: `Request body is not valid JSON: ${error.message}` },
    };
  }
  const status = error.statusCode;
  if (typeof status === 'number' && status >= 400 && status < 500) {
    return { status, body: { code: HttpCodes.badRequest, message: error.message } };
  }
  return undefined;
}

/** Driver errors that mean "the database cannot answer right now", not a bug. */
const DATABASE_UNAVAILABLE = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE', // written to a connection the database had just closed
  'ETIMEDOUT',
  'EHOSTUNREACH',
  '57P01', // admin_shutdown
  '57P02', // crash_shutdown
  '57P03', // cannot_connect_now
  '53300', // too_many_connections
  '08000',
  '08001',
  '08003',
  '08006',
  'SQLITE_BUSY',
  'SQLITE_LOCKED',
]);

function isDatabaseUnavailable(error: unknown): boolean {
  if (error instanceof AggregateError) return error.errors.some(isDatabaseUnavailable);
  if (!(error instanceof Error)) return false;
  const code = Reflect.get(error, 'code');
  if (typeof code === 'string') return DATABASE_UNAVAILABLE.has(code);
  // pg reports a connection lost mid-query without a code (the server or the network went away), and a
  // pooled client whose connection broke before it noticed as "not queryable".
  return /^Connection terminated|^timeout exceeded when trying to connect|is not queryable$/.test(
    error.message,
  );
}

/** Anything thrown while handling a request → status and `{ code, message, details }`. */
export function toErrorReply(error: unknown, requestId: string): ErrorReply {
  if (error instanceof GuixuError) {
    const status = statusForError(error);
    if (status >= 500 && error.audience === 'bug') return internal(requestId);
    const plain: PlainError = error.toPlain();
    const details = { ...(plain.details ?? {}) };
    if (plain.node !== undefined) details.node = plain.node;
    if (plain.parameter !== undefined) details.parameter = plain.parameter;
    if (plain.description !== undefined) details.description = plain.description;
    const body = {
      code: plain.code,
      message: plain.message,
      ...(Object.keys(details).length ? { details } : {}),
    };
    const retryAfter = error.retryAfterMs === undefined ? undefined : Math.ceil(error.retryAfterMs / 1000);
    return { status, body, ...(retryAfter === undefined ? {} : { retryAfter }) };
  }
  if (isFastifyError(error) && hasNumber(error, 'statusCode')) {
    const mapped = fromFastify(error);
    if (mapped) return mapped;
  }
  if (isDatabaseUnavailable(error)) {
    return {
      status: 503,
      body: {
        code: 'DATABASE_UNAVAILABLE',
        message: 'The database is not reachable right now; try again shortly',
      },
      retryAfter: 1,
    };
  }
  if (error instanceof SyntaxError && hasNumber(error, 'statusCode')) {
    return {
      status: 400,
      body: { code: HttpCodes.malformedJson, message: `Request body is not valid JSON: ${error.message}` },
    };
  }
  return internal(requestId);
}

function internal(requestId: string): ErrorReply {
  return {
    status: 500,
    body: {
      code: HttpCodes.internal,
      message: `Unexpected server error; the server log has the details (request id ${requestId})`,
    },
  };
}

export function sendError(reply: FastifyReply, request: FastifyRequest, error: unknown): FastifyReply {
  const mapped = toErrorReply(error, request.id);
  if (mapped.status === 500) request.log.error({ err: error }, 'request failed');
  else if (mapped.status >= 500)
    request.log.warn({ err: error, code: mapped.body.code }, mapped.body.message);
  else request.log.debug({ code: mapped.body.code }, mapped.body.message);
  if (mapped.retryAfter !== undefined) reply.header('retry-after', String(mapped.retryAfter));
  return reply.status(mapped.status).send({ ...mapped.body, requestId: request.id });
}

/** One error handler for the whole app, plus 404s for unknown routes and Fastify's framework errors. */
export function installErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((error, request, reply) => sendError(reply, request, error));
  app.setNotFoundHandler((request, reply) =>
    reply.status(404).send({
      code: HttpCodes.routeNotFound,
      message: `No route ${request.method} ${request.url.split('?')[0]}`,
      requestId: request.id,
    }),
  );
}

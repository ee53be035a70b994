import { GuixuError } from '@guixu/core';

/** Stable codes the HTTP layer itself produces. */
export const HttpCodes = {
  validation: 'VALIDATION_FAILED',
  malformedJson: 'MALFORMED_JSON',
  tooLarge: 'PAYLOAD_TOO_LARGE',
  unsupportedMediaType: 'UNSUPPORTED_MEDIA_TYPE',
  routeNotFound: 'ROUTE_NOT_FOUND',
  badRequest: 'BAD_REQUEST',
  internal: 'INTERNAL_ERROR',
  unavailable: 'SERVICE_UNAVAILABLE',
} as const;

const explicit = new Map<string, number>([
  [HttpCodes.validation, 400],
  [HttpCodes.malformedJson, 400],
  [HttpCodes.badRequest, 400],
  [HttpCodes.tooLarge, 413],
  [HttpCodes.unsupportedMediaType, 415],
  [HttpCodes.routeNotFound, 404],
  [HttpCodes.internal, 500],
  [HttpCodes.unavailable, 503],
]);

/** Features with codes that do not follow the suffix conventions register their status here. */
export function registerErrorStatus(code: string, status: number): void {
  explicit.set(code, status);
}

/**
 * HTTP status of a GuixuError: explicit registrations first, then naming
 * conventions, then the audience (a user's mistake is 400, anything else 500).
 */
export function statusForError(error: GuixuError): number {
  const known = explicit.get(error.code);
  if (known !== undefined) return known;
  const code = error.code;
  if (code.endsWith('_NOT_FOUND')) return 404;
  if (code.endsWith('_CONFLICT') || code.endsWith('_EXISTS') || code.endsWith('_TAKEN')) return 409;
  if (code.endsWith('_TOO_LARGE')) return 413;
  if (code === 'RATE_LIMITED' || code.endsWith('_QUEUE_FULL')) return 429;
  if (code.endsWith('_UNAVAILABLE')) return 503;
  return error.audience === 'user' ? 400 : 500;
}

export function notFound(kind: string, id: string): GuixuError {
  const code = `${kind.toUpperCase().replace(/[^A-Z0-9]+/g, '_')}_NOT_FOUND`;
  return new GuixuError(code, `${kind[0].toUpperCase()}${kind.slice(1)} "${id}" was not found`, {
    details: { id },
  });
}

export function conflict(code: string, message: string, details?: Record<string, unknown>): GuixuError {
  return new GuixuError(code, message, details === undefined ? {} : { details });
}

import type { FastifyRequest } from 'fastify';

function field(source: unknown, name: string): string | undefined {
  if (typeof source !== 'object' || source === null) return undefined;
  const value = Reflect.get(source, name);
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/** For `projectFrom`: a string field of the (not yet validated) JSON body. */
export const fromBody = (name: string) => (request: FastifyRequest) => field(request.body, name);
/** For `projectFrom`: a query-string parameter. */
export const fromQuery = (name: string) => (request: FastifyRequest) => field(request.query, name);
/** For `projectFrom`/`resourceFrom`: a path parameter. */
export const fromParams = (name: string) => (request: FastifyRequest) => field(request.params, name);

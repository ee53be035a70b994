import type { z } from 'zod';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/**
 * One REST route, described once: the server validates requests with these
 * schemas, the OpenAPI document is generated from them, and the web app types
 * its calls with them.
 */
export interface RouteContract {
  method: HttpMethod;
  /** Fastify-style path, e.g. `/api/v1/workflows/:id`. */
  path: string;
  operationId: string;
  summary: string;
  description?: string;
  tags: readonly string[];
  params?: z.ZodType;
  query?: z.ZodType;
  body?: z.ZodType;
  /** Schema of the success body; absent for routes answering without a JSON body. */
  response?: z.ZodType;
  /** Success status; 200 unless set. */
  status?: number;
  /** Content type of a success body that is not JSON (Prometheus text, HTML). */
  produces?: string;
  /** Error statuses worth documenting besides 400/500. */
  errors?: readonly number[];
}

/** Keeps literal types so handlers get exact param/query/body/response types. */
export function defineRoute<const C extends RouteContract>(contract: C): C {
  return contract;
}

type Infer<S> = S extends z.ZodType ? z.output<S> : undefined;
type InferIn<S> = S extends z.ZodType ? z.input<S> : undefined;

export type ParamsOf<C extends RouteContract> = Infer<C['params']>;
export type QueryOf<C extends RouteContract> = Infer<C['query']>;
export type BodyOf<C extends RouteContract> = Infer<C['body']>;
/** What a handler returns: the response schema's input (before defaults/transforms). */
export type ReplyOf<C extends RouteContract> = C['response'] extends z.ZodType
  ? InferIn<C['response']>
  : unknown;
/** What a client receives. */
export type ResponseOf<C extends RouteContract> = Infer<C['response']>;

import type { BodyOf, ParamsOf, QueryOf, ReplyOf, RouteContract } from '@guixu/api';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { parseInput } from './parse-input.ts';

export interface RouteInput<C extends RouteContract> {
  params: ParamsOf<C>;
  query: QueryOf<C>;
  body: BodyOf<C>;
  request: FastifyRequest;
  reply: FastifyReply;
}

export type RouteHandler<C extends RouteContract> = (
  input: RouteInput<C>,
) => Promise<ReplyOf<C>> | ReplyOf<C>;

/** Contracts of every route registered through `route`: the OpenAPI document and the fuzz test read it. */
export class ContractRegistry {
  readonly routes: RouteContract[] = [];
  add(contract: RouteContract): void {
    this.routes.push(contract);
  }
}

/**
 * Registers a route from its contract: path, query and body are validated with
 * the contract's zod schemas before the handler runs; the success status comes
 * from the contract.
 */
export function route<C extends RouteContract>(
  app: FastifyInstance,
  contracts: ContractRegistry,
  contract: C,
  handler: RouteHandler<C>,
): void {
  contracts.add(contract);
  app.route({
    method: contract.method,
    url: contract.path,
    handler: async (request, reply) => {
      // The values were just parsed by the contract's own schemas; the casts only
      // restate that for TypeScript, which cannot narrow the generic contract.
      const params = (
        contract.params ? parseInput(contract.params, request.params, 'path') : undefined
      ) as ParamsOf<C>;
      const query = (
        contract.query ? parseInput(contract.query, request.query, 'query') : undefined
      ) as QueryOf<C>;
      const body = (contract.body ? parseInput(contract.body, request.body, 'body') : undefined) as BodyOf<C>;
      const result = await handler({ params, query, body, request, reply });
      if (reply.sent) return reply;
      reply.status(contract.status ?? 200);
      if (contract.status === 204) return reply.send();
      if (contract.produces) reply.type(contract.produces);
      return result;
    },
  });
}

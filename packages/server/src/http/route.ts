import type { BodyOf, ParamsOf, QueryOf, ReplyOf, RouteContract } from '@guixu/api';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { isPublic, type RouteAccess } from '../security/route-access.ts';
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
  private readonly open = new Set<RouteContract>();
  add(contract: RouteContract, access?: RouteAccess): void {
    this.routes.push(contract);
    if (access !== undefined && isPublic(access)) this.open.add(contract);
  }
  /** Callable without credentials: the OpenAPI document declares no security for it. */
  isPublic(contract: RouteContract): boolean {
    return this.open.has(contract);
  }
}

/**
 * Registers a route from its contract with who may call it: `access` is a
 * rule over the permission matrix (`{ resource, action }`), `PUBLIC` or
 * `SIGNED_IN`, enforced by the access-control hook. Path, query and body are
 * validated with the contract's zod schemas before the handler runs; the
 * success status comes from the contract.
 */
export function route<C extends RouteContract>(
  app: FastifyInstance,
  contracts: ContractRegistry,
  contract: C,
  access: RouteAccess,
  handler: RouteHandler<C>,
): void {
  contracts.add(contract, access);
  app.route({
    method: contract.method,
    url: contract.path,
    config: { access },
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

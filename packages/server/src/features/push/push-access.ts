import type { FastifyRequest } from 'fastify';
import type { ServerContext } from '../../context.ts';
import { decide } from '../../security/policy.ts';

/**
 * Whether the signed-in caller may watch a workflow or an execution: the same
 * read permission as the REST API (hidden and unknown look the same).
 */
export function pushAccess(ctx: ServerContext, request: FastifyRequest) {
  const actor = request.actor;
  const canRead = (projectId: string | null) =>
    actor !== undefined && decide(actor, 'read', { type: 'execution', projectId }).visible;
  return {
    async workflow(id: string): Promise<boolean> {
      const row = await ctx.database.db
        .selectFrom('workflows')
        .select('project_id')
        .where('id', '=', id)
        .executeTakeFirst();
      return row !== undefined && canRead(row.project_id);
    },
    async execution(id: string): Promise<boolean> {
      const row = await ctx.database.db
        .selectFrom('executions')
        .select('project_id')
        .where('id', '=', id)
        .executeTakeFirst();
      // An execution that is not stored (yet, or by its save policy) is watched by id, as its starter knows it.
      return row === undefined ? actor !== undefined : canRead(row.project_id);
    },
  };
}

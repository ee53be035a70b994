import { variableRoutes } from '@guixu/api';
import type { Feature } from '../../context.ts';
import { requireActor } from '../../security/require-access.ts';
import { fromBody, fromQuery } from '../../security/request-fields.ts';
import { route } from '../../http/route.ts';
import { VariableStore } from './store.ts';

export const feature: Feature = {
  name: 'variables',
  order: 4,
  setup(ctx) {
    ctx.services.provide('variables', new VariableStore(ctx.services.get('security')));
  },
  routes(app, ctx) {
    const store = ctx.services.get('variables');
    const audit = () => ctx.services.get('audit');

    route(
      app,
      ctx.contracts,
      variableRoutes.list,
      { resource: 'variable', action: 'read', projectFrom: fromQuery('projectId') },
      async ({ query, request }) => ({
        data: await store.list(await requireActor(ctx, request), query.projectId),
      }),
    );
    route(
      app,
      ctx.contracts,
      variableRoutes.create,
      { resource: 'variable', action: 'create', projectFrom: fromBody('projectId') },
      async ({ body, request, reply }) => {
        const actor = await requireActor(ctx, request);
        const projectId = body.projectId ?? actor.personalProjectId ?? '';
        const row = await store.create({ projectId, key: body.key, value: body.value, secret: body.secret });
        await audit().record({
          action: 'variable.create',
          request,
          resourceType: 'variable',
          resourceId: row.id,
          projectId,
          summary: `Variable ${row.key}${body.secret ? ' (secret)' : ''} created`,
        });
        reply.status(201);
        return store.toDto(row);
      },
    );
    route(
      app,
      ctx.contracts,
      variableRoutes.update,
      { resource: 'variable', action: 'update' },
      async ({ params, body, request }) => {
        const { before, after } = await store.update(params.id, body);
        const secret = ctx.database.adapter.readBool(before.secret);
        await audit().record({
          action: 'variable.update',
          request,
          resourceType: 'variable',
          resourceId: params.id,
          projectId: before.project_id,
          summary: `Variable ${after.key} updated`,
          diff: {
            ...(before.key !== after.key ? { key: [before.key, after.key] } : {}),
            ...(before.value !== after.value
              ? { value: secret ? '(changed)' : [before.value, after.value] }
              : {}),
          },
        });
        return store.toDto(after);
      },
    );
    route(
      app,
      ctx.contracts,
      variableRoutes.delete,
      { resource: 'variable', action: 'delete' },
      async ({ params, request }) => {
        const row = await store.delete(params.id);
        await audit().record({
          action: 'variable.delete',
          request,
          resourceType: 'variable',
          resourceId: params.id,
          projectId: row.project_id,
          summary: `Variable ${row.key} deleted`,
        });
      },
    );
  },
};

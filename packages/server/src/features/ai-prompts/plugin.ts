import { promptTemplateRoutes } from '@guixu/api';
import type { Feature } from '../../context.ts';
import { route } from '../../http/route.ts';
import { fromBody, fromQuery } from '../../security/request-fields.ts';
import { requireActor } from '../../security/require-access.ts';
import { PromptTemplateStore } from './store.ts';

export const feature: Feature = {
  name: 'ai-prompts',
  order: 29,
  setup(ctx) {
    ctx.services.provide('aiPrompts', new PromptTemplateStore(ctx.database));
  },
  routes(app, ctx) {
    const store = ctx.services.get('aiPrompts');
    const r = promptTemplateRoutes;
    const c = ctx.contracts;
    const audit = () => ctx.services.get('audit');
    const read = { resource: 'promptTemplate', action: 'read' } as const;

    route(app, c, r.list, { ...read, projectFrom: fromQuery('projectId') }, async ({ query, request }) => ({
      data: await store.list(await requireActor(ctx, request), query.projectId),
    }));
    route(
      app,
      c,
      r.create,
      { resource: 'promptTemplate', action: 'create', projectFrom: fromBody('projectId') },
      async ({ body, request, reply }) => {
        const actor = await requireActor(ctx, request);
        const projectId = body.projectId ?? actor.personalProjectId ?? '';
        const template = await store.create({ ...body, projectId }, actor.userId);
        await audit().record({
          action: 'promptTemplate.create',
          request,
          resourceType: 'promptTemplate',
          resourceId: template.id,
          projectId,
          summary: `Prompt template ${template.name} created`,
        });
        reply.status(201);
        return template;
      },
    );
    route(app, c, r.get, read, ({ params }) => store.get(params.id));
    route(
      app,
      c,
      r.update,
      { resource: 'promptTemplate', action: 'update' },
      async ({ params, body, request }) => {
        const actor = await requireActor(ctx, request);
        const { before, after } = await store.update(params.id, body, actor.userId);
        await audit().record({
          action: 'promptTemplate.update',
          request,
          resourceType: 'promptTemplate',
          resourceId: params.id,
          projectId: before.project_id,
          summary:
            after.latestVersion === before.latest_version
              ? `Prompt template ${after.name} updated`
              : `Prompt template ${after.name}: version ${after.latestVersion}`,
        });
        return after;
      },
    );
    route(app, c, r.delete, { resource: 'promptTemplate', action: 'delete' }, async ({ params, request }) => {
      const row = await store.delete(params.id);
      await audit().record({
        action: 'promptTemplate.delete',
        request,
        resourceType: 'promptTemplate',
        resourceId: params.id,
        projectId: row.project_id,
        summary: `Prompt template ${row.name} deleted`,
      });
    });
    route(app, c, r.versions, read, async ({ params }) => ({ data: await store.versions(params.id) }));
    route(app, c, r.version, read, ({ params }) => store.version(params.id, params.version));
    route(app, c, r.preview, read, ({ params, body }) => store.preview(params.id, body.version, body.values));
  },
};

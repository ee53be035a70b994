import { credentialRoutes } from '@guixu/api';
import type { Feature } from '../../context.ts';
import { route } from '../../http/route.ts';
import { fromBody } from '../../security/request-fields.ts';
import { requireActor, checkAccess } from '../../security/require-access.ts';
import { diffSummary } from '../audit/audit-log.ts';
import { CredentialStore } from './store.ts';
import { registerCredentialOptionsRoute } from './credential-options.ts';
import { registerOAuth1Routes } from './oauth1-routes.ts';
import { registerOAuth2Routes } from './oauth2-routes.ts';

const TEST_TIMEOUT_MS = 15_000;

export const feature: Feature = {
  name: 'credentials',
  order: 4,
  setup(ctx) {
    ctx.services.provide('credentials', new CredentialStore(ctx.services.get('security'), ctx.registry));
  },
  routes(app, ctx) {
    const store = ctx.services.get('credentials');
    const audit = () => ctx.services.get('audit');

    route(app, ctx.contracts, credentialRoutes.types, { resource: 'credential', action: 'read' }, () => ({
      data: store.types(),
    }));
    route(
      app,
      ctx.contracts,
      credentialRoutes.list,
      { resource: 'credential', action: 'read' },
      async ({ query, request }) => ({
        data: request.actor ? await store.list(request.actor, query) : [],
      }),
    );
    route(
      app,
      ctx.contracts,
      credentialRoutes.get,
      { resource: 'credential', action: 'read' },
      async ({ params, request }) =>
        store.toDto(await store.row(params.id), request.actor ?? (await requireActor(ctx, request))),
    );
    route(
      app,
      ctx.contracts,
      credentialRoutes.create,
      { resource: 'credential', action: 'create', projectFrom: fromBody('projectId') },
      async ({ body, request, reply }) => {
        const actor = await requireActor(ctx, request);
        const projectId = body.projectId ?? actor.personalProjectId ?? '';
        const row = await store.create(
          { name: body.name, type: body.type, projectId, data: body.data },
          actor,
        );
        await audit().record({
          action: 'credential.create',
          request,
          resourceType: 'credential',
          resourceId: row.id,
          projectId,
          summary: `Credential "${row.name}" (${row.type}) created`,
        });
        reply.status(201);
        return store.toDto(row, actor);
      },
    );
    route(
      app,
      ctx.contracts,
      credentialRoutes.update,
      { resource: 'credential', action: 'update' },
      async ({ params, body, request }) => {
        const actor = await requireActor(ctx, request);
        const { before, after, changed } = await store.update(params.id, body);
        await audit().record({
          action: 'credential.update',
          request,
          resourceType: 'credential',
          resourceId: params.id,
          projectId: before.project_id,
          summary: `Credential "${after.name}" updated`,
          diff: {
            ...diffSummary({ name: before.name }, { name: after.name }),
            ...Object.fromEntries(changed.map((k) => [`data.${k}`, '(changed)'])),
          },
        });
        return store.toDto(after, actor);
      },
    );
    route(
      app,
      ctx.contracts,
      credentialRoutes.delete,
      { resource: 'credential', action: 'delete' },
      async ({ params, request }) => {
        const row = await store.delete(params.id);
        await audit().record({
          action: 'credential.delete',
          request,
          resourceType: 'credential',
          resourceId: params.id,
          projectId: row.project_id,
          summary: `Credential "${row.name}" deleted`,
        });
      },
    );
    route(
      app,
      ctx.contracts,
      credentialRoutes.test,
      { resource: 'credential', action: 'update' },
      async ({ params }) => {
        const row = await store.row(params.id);
        return store.test(row.type, store.decrypt(row), AbortSignal.timeout(TEST_TIMEOUT_MS));
      },
    );
    route(
      app,
      ctx.contracts,
      credentialRoutes.testData,
      { resource: 'credential', action: 'read' },
      async ({ body, request }) => {
        let data = body.data;
        if (body.id !== undefined) {
          // Masked fields come from the stored credential, which the caller must be allowed to edit.
          const actor = await requireActor(ctx, request);
          request.params = { id: body.id };
          await checkAccess(ctx, request, actor, { resource: 'credential', action: 'update' });
          const row = await store.row(body.id);
          data = store.mergeData(store.type(body.type), store.decrypt(row), body.data);
        }
        return store.test(body.type, data, AbortSignal.timeout(TEST_TIMEOUT_MS));
      },
    );
    registerOAuth2Routes(app, ctx);
    registerOAuth1Routes(app, ctx);
    registerCredentialOptionsRoute(app, ctx);
  },
};

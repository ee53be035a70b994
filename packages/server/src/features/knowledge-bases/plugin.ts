import { type KnowledgeProgress, knowledgeBaseRoutes } from '@guixu/api';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Feature, ServerContext } from '../../context.ts';
import { KNOWLEDGE_HOST_SERVICE, type KnowledgeHost } from '../../execution-host/knowledge-services.ts';
import { route } from '../../http/route.ts';
import { requireActor } from '../../security/require-access.ts';
import { fromBody, fromQuery } from '../../security/request-fields.ts';
import { KnowledgeRepository } from './repository.ts';
import { KnowledgeBaseService } from './service.ts';
import { openVectorStorage, type VectorStorage } from './vector-storage.ts';

/**
 * Streams progress as Server-Sent Events (`event: progress`, then `event: done` or
 * `event: error`); the work runs to its end even when the client goes away.
 */
async function streamProgress(
  request: FastifyRequest,
  reply: FastifyReply,
  work: (onProgress: (event: KnowledgeProgress) => void) => Promise<unknown>,
): Promise<void> {
  reply.hijack();
  const raw = reply.raw;
  raw.writeHead(200, {
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-cache',
    'x-content-type-options': 'nosniff',
  });
  const send = (event: string, data: unknown) => {
    if (!raw.destroyed) raw.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
  };
  try {
    const result = await work((event) => send(event.type === 'done' ? 'done' : 'progress', event));
    send('result', result);
  } catch (error) {
    request.log.warn({ err: error }, 'knowledge base indexing failed');
    send('error', {
      code: error instanceof Error && 'code' in error ? String(error.code) : 'KNOWLEDGE_INDEXING_FAILED',
      message: error instanceof Error ? error.message : String(error),
    });
  }
  raw.end();
}

export const feature: Feature = {
  name: 'knowledge-bases',
  // After executions (25): the runner exists and gets the knowledge host.
  order: 30,
  setup(ctx: ServerContext) {
    const repository = new KnowledgeRepository(ctx.database);
    let storage: Promise<VectorStorage> | undefined;
    const service = new KnowledgeBaseService(
      repository,
      () => {
        storage ??= openVectorStorage(ctx.database);
        return storage;
      },
      ctx.services.get('credentials'),
      // Embedding calls are AI usage: the project's budget, the usage log (features/ai-usage).
      {
        check: (projectId, node) =>
          ctx.services.get('aiUsage').budgets.check(projectId, { node, executionId: '' }),
        record: (run, usage, node) =>
          ctx.services.get('aiUsage').usage.record(run, usage, { node, executionId: run.executionId }),
      },
    );
    ctx.services.provide('knowledgeBases', service);
    ctx.lifecycle.onShutdown({
      name: 'knowledge-base vectors',
      phase: 'close',
      run: async () => (storage ? (await storage).close() : undefined),
    });
    const host: KnowledgeHost = {
      search: (run, query, signal) => service.searchForRun(run, query, signal),
    };
    ctx.services.get('executions').services[KNOWLEDGE_HOST_SERVICE] = host;
  },
  routes(app, ctx) {
    const service = ctx.services.get('knowledgeBases');
    const repository = new KnowledgeRepository(ctx.database);
    const audit = () => ctx.services.get('audit');
    const c = ctx.contracts;
    const r = knowledgeBaseRoutes;
    const byId = (action: 'read' | 'update' | 'delete') => ({ resource: 'knowledgeBase', action }) as const;

    route(
      app,
      c,
      r.list,
      { resource: 'knowledgeBase', action: 'read', projectFrom: fromQuery('projectId') },
      async ({ query, request }) => ({
        data: await service.dto(await repository.list(await requireActor(ctx, request), query.projectId)),
      }),
    );
    route(
      app,
      c,
      r.create,
      { resource: 'knowledgeBase', action: 'create', projectFrom: fromBody('projectId') },
      async ({ body, request, reply }) => {
        const actor = await requireActor(ctx, request);
        const projectId = body.projectId ?? actor.personalProjectId ?? '';
        const input = {
          projectId,
          name: body.name,
          description: body.description,
          chunking: body.chunking,
          embedding: body.embedding,
        };
        await service.checkEmbedding(input);
        const row = await repository.create(input);
        await audit().record({
          action: 'knowledgeBase.create',
          request,
          resourceType: 'knowledgeBase',
          resourceId: row.id,
          projectId,
          summary: `Knowledge base ${row.name} created`,
        });
        reply.status(201);
        return service.one(row.id);
      },
    );
    route(app, c, r.get, byId('read'), ({ params }) => service.one(params.id));
    route(app, c, r.update, byId('update'), async ({ params, body, request }) => {
      const before = await repository.get(params.id);
      if (body.embedding) await service.checkEmbedding({ ...before, embedding: body.embedding });
      const after = await repository.update(params.id, body);
      await audit().record({
        action: 'knowledgeBase.update',
        request,
        resourceType: 'knowledgeBase',
        resourceId: params.id,
        projectId: after.projectId,
        summary: `Knowledge base ${after.name} updated`,
      });
      return service.one(params.id);
    });
    route(app, c, r.delete, byId('delete'), async ({ params, request }) => {
      const base = await service.delete(params.id);
      await audit().record({
        action: 'knowledgeBase.delete',
        request,
        resourceType: 'knowledgeBase',
        resourceId: params.id,
        projectId: base.projectId,
        summary: `Knowledge base ${base.name} deleted`,
      });
    });
    route(app, c, r.listDocuments, byId('read'), async ({ params }) => {
      await repository.get(params.id);
      return { data: await repository.documents(params.id) };
    });
    route(app, c, r.upload, byId('update'), async ({ params, body, reply }) => {
      const data = await service.upload(params.id, body.files);
      reply.status(201);
      return { data };
    });
    route(app, c, r.uploadStream, byId('update'), async ({ params, body, request, reply }) => {
      await repository.get(params.id);
      await streamProgress(request, reply, async (onProgress) => ({
        data: await service.upload(params.id, body.files, onProgress),
      }));
    });
    route(app, c, r.deleteDocument, byId('update'), async ({ params }) => {
      await service.deleteDocument(params.id, params.documentId);
    });
    route(app, c, r.reindex, byId('update'), async ({ params }) => ({
      data: await service.reindex(params.id),
    }));
    route(app, c, r.reindexStream, byId('update'), async ({ params, request, reply }) => {
      await repository.get(params.id);
      await streamProgress(request, reply, async (onProgress) => ({
        data: await service.reindex(params.id, onProgress),
      }));
    });
    route(app, c, r.search, byId('read'), async ({ params, body }) => ({
      data: await service.search(params.id, {
        query: body.query,
        k: body.k,
        ...(body.minScore === undefined ? {} : { minScore: body.minScore }),
        ...(body.filter === undefined ? {} : { filter: body.filter as never }),
      }),
    }));
  },
};

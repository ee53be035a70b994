import { Readable } from 'node:stream';
import { executionRoutes } from '@guixu/api';
import contentDisposition from 'content-disposition';
import { builtinNodes, codeSandbox } from '@guixu/nodes';
import type { FastifyRequest } from 'fastify';
import type { Feature, ServerContext } from '../../context.ts';
import { registerErrorStatus } from '../../http/http-errors.ts';
import { route } from '../../http/route.ts';
import { createRunner } from '../../runner/create-runner.ts';
import { recoverOrphans } from '../../runner/recovery.ts';
import { pruneExecutions } from './retention.ts';
import { ExecutionService } from './service.ts';

registerErrorStatus('EXECUTION_NOT_WAITING', 409);
registerErrorStatus('EXECUTION_ALREADY_RESUMED', 409);
registerErrorStatus('EXECUTION_NOT_RUNNING', 409);
registerErrorStatus('EXECUTION_NOT_RETRYABLE', 409);
registerErrorStatus('BINARY_LOCATION_INVALID', 400);

/** A MIME type as stored by a node, or a neutral one when it is not a plain `type/subtype`. */
const safeMime = (mime: string) => (/^[\w.+-]+\/[\w.+-]+$/.test(mime) ? mime : 'application/octet-stream');

const HEARTBEAT_MS = 10_000;
/** Another instance's running execution is taken over after this long without a heartbeat. */
const STALE_AFTER_MS = 60_000;
const ORPHAN_SCAN_MS = 30_000;

const services = new WeakMap<ServerContext, ExecutionService>();

/** Pruning of old executions on a clock: one process prunes (queue mode: the elected main). */
export interface Pruning {
  start(): void;
  stop(): void;
  readonly running: boolean;
}
const prunings = new WeakMap<ServerContext, Pruning>();

export function pruningOf(ctx: ServerContext): Pruning | undefined {
  return prunings.get(ctx);
}

/** Audit entry for a change to an execution (after it happened). */
async function auditExecution(
  ctx: ServerContext,
  request: FastifyRequest,
  change: { action: string; id: string; summary: string; projectId?: string | null },
): Promise<void> {
  const projectId =
    change.projectId !== undefined
      ? change.projectId
      : ((await ctx.services.get('executions').store.findRow(change.id))?.project_id ?? null);
  await ctx.services.get('audit').record({
    action: `execution.${change.action}`,
    request,
    resourceType: 'execution',
    resourceId: change.id,
    projectId,
    summary: `Execution ${change.id} ${change.summary}`,
  });
}
const waitingGauges = new WeakMap<ServerContext, (count: number) => void>();

function serviceOf(ctx: ServerContext): ExecutionService {
  const service = services.get(ctx);
  if (!service) throw new Error('The executions feature is not set up');
  return service;
}

/** How long running executions get to finish on shutdown before they are left to recovery. */
function graceMs(ctx: ServerContext): number {
  return Math.floor(ctx.config.shutdownTimeoutMs * 0.8);
}

export const feature: Feature = {
  name: 'executions',
  // After workflows (it loads them), before triggers (they start executions).
  order: 25,
  async setup(ctx) {
    const builtinRegistry = ctx.registry === (await builtinNodes());
    const { runner, setWaiting } = createRunner(ctx, { builtinRegistry });
    ctx.services.provide('executions', runner);
    waitingGauges.set(ctx, setWaiting);
    services.set(
      ctx,
      new ExecutionService({ database: ctx.database, runner, workflows: ctx.services.get('workflows') }),
    );
    ctx.lifecycle.onShutdown({
      name: 'executions',
      phase: 'drain',
      async run() {
        runner.stopAccepting();
        const left = await runner.drain(graceMs(ctx));
        if (left.length > 0) {
          ctx.log.warn(
            { count: left.length, ids: left.slice(0, 20) },
            'executions left for recovery at next start',
          );
        }
        await runner.detachAll();
      },
    });
    ctx.lifecycle.onShutdown({ name: 'execution workers', phase: 'close', run: () => runner.close() });
  },
  routes(app, ctx) {
    const service = serviceOf(ctx);
    const r = executionRoutes;
    const c = ctx.contracts;
    route(app, c, r.list, { resource: 'execution', action: 'read' }, ({ query, request }) =>
      service.list(query, request.actor),
    );
    route(app, c, r.get, { resource: 'execution', action: 'read' }, ({ params }) => service.get(params.id));
    route(app, c, r.cancel, { resource: 'execution', action: 'execute' }, async ({ params, request }) => {
      const canceled = await service.cancel(params.id);
      await auditExecution(ctx, request, { action: 'cancel', id: params.id, summary: 'canceled' });
      return canceled;
    });
    route(app, c, r.delete, { resource: 'execution', action: 'delete' }, async ({ params, request }) => {
      const row = await ctx.services.get('executions').store.findRow(params.id);
      await service.delete(params.id);
      await auditExecution(ctx, request, {
        action: 'delete',
        id: params.id,
        summary: 'deleted',
        projectId: row?.project_id ?? null,
      });
    });
    route(app, c, r.binary, { resource: 'execution', action: 'read' }, async ({ params, query, reply }) => {
      const { ref, stream } = await service.binary(params.id, query);
      // Served as a download, never as a page of this origin (an HTML or SVG attachment cannot run here).
      reply.header('content-disposition', contentDisposition(ref.fileName ?? `${query.key}.bin`));
      reply.header('x-content-type-options', 'nosniff');
      reply.header('content-security-policy', "sandbox; default-src 'none'");
      reply.header('cache-control', 'private, no-store');
      reply.type(safeMime(ref.mimeType));
      return reply.send(Readable.from(stream));
    });
    route(
      app,
      c,
      r.retry,
      { resource: 'execution', action: 'execute' },
      async ({ params, body, request, reply }) => {
        const { handle, wait } = await service.retry(params.id, body ?? {});
        await auditExecution(ctx, request, {
          action: 'retry',
          id: params.id,
          summary: `retried as ${handle.executionId}${body?.fromFailedNode ? ' from the failed node' : ''}`,
        });
        const result = await service.started(handle, wait);
        if (wait) return reply.code(200).send(result);
        return result;
      },
    );
    route(app, c, r.run, { resource: 'workflow', action: 'execute' }, async ({ params, body, reply }) => {
      const { handle, wait } = await service.run(params.id, body ?? {});
      const result = await service.started(handle, wait);
      if (wait) return reply.code(200).send(result);
      return result;
    });
  },
  async start(ctx) {
    const runner = ctx.services.get('executions');
    // The first execution should not wait for a worker thread to start either.
    void runner.prewarm();
    const sandbox = codeSandbox();
    // Warm in the background: the first Code node run should not pay for process start-up.
    void sandbox.prewarm();
    ctx.lifecycle.onShutdown({ name: 'code sandbox', phase: 'close', run: () => sandbox.close() });
    await recoverOrphans(runner, ctx.log, { staleAfterMs: STALE_AFTER_MS, includeOwn: true });
    const setWaiting = waitingGauges.get(ctx);
    const beat = async () => {
      await runner.store.heartbeat(runner.instanceId);
      setWaiting?.(await runner.store.countWaiting());
    };
    void beat().catch((error: unknown) => ctx.log.error({ err: error }, 'execution heartbeat failed'));
    const heartbeat = setInterval(() => {
      beat().catch((error: unknown) => ctx.log.error({ err: error }, 'execution heartbeat failed'));
    }, HEARTBEAT_MS);
    const orphans = setInterval(() => {
      recoverOrphans(runner, ctx.log, { staleAfterMs: STALE_AFTER_MS, includeOwn: false }).catch(
        (error: unknown) => ctx.log.error({ err: error }, 'orphan scan failed'),
      );
    }, ORPHAN_SCAN_MS);
    const prune = async () => {
      const deleted = await pruneExecutions(serviceOf(ctx).repo, runner.binary, ctx.config.retention);
      if (deleted > 0) ctx.log.info({ deleted }, 'old executions pruned');
    };
    let pruneTimer: NodeJS.Timeout | undefined;
    const pruning: Pruning = {
      start() {
        if (pruneTimer) return;
        const run = () =>
          prune().catch((error: unknown) => ctx.log.error({ err: error }, 'execution pruning failed'));
        pruneTimer = setInterval(run, ctx.config.retention.pruneIntervalMinutes * 60_000);
        pruneTimer.unref();
        void run();
      },
      stop() {
        clearInterval(pruneTimer);
        pruneTimer = undefined;
      },
      get running() {
        return pruneTimer !== undefined;
      },
    };
    prunings.set(ctx, pruning);
    for (const timer of [heartbeat, orphans]) timer.unref();
    ctx.lifecycle.onShutdown({
      name: 'execution timers',
      phase: 'drain',
      run() {
        for (const timer of [heartbeat, orphans]) clearInterval(timer);
        pruning.stop();
      },
    });
    // Queue mode: only the elected main prunes (features/queue starts it when elected).
    if (!ctx.config.queue) pruning.start();
  },
};

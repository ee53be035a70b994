import { finalItems, GuixuError, type WebhookResponse } from '@guixu/core';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Feature, ServerContext } from '../../context.ts';
import { registerErrorStatus } from '../../http/http-errors.ts';
import type { InProcessRunner, PreparedResume } from '../../runner/runner.ts';
import { WaitTimers } from '../../runner/wait-timers.ts';
import { authenticate } from '../webhooks/webhook-auth.ts';
import type { WebhookEntry } from '../webhooks/webhook-entry.ts';
import { executionFailed, sendNodeResponse } from '../webhooks/webhook-response.ts';
import { resumeItem, type WaitWebhookSettings, waitWebhookSettings } from './resume-request.ts';

registerErrorStatus('WAIT_METHOD_NOT_ALLOWED', 405);

/** How often the database is scanned for time-based waits coming due. */
const SCAN_INTERVAL_MS = 5_000;

const timers = new WeakMap<ServerContext, WaitTimers>();

/** The wake-ups of time-based waits (queue mode: the elected main starts and stops them). */
export function waitTimersOf(ctx: ServerContext): WaitTimers | undefined {
  return timers.get(ctx);
}

async function resume(
  runner: InProcessRunner,
  request: FastifyRequest<{ Params: { executionId: string; '*'?: string } }>,
  reply: FastifyReply,
): Promise<FastifyReply> {
  const executionId = request.params.executionId;
  let prepared: Awaited<ReturnType<InProcessRunner['prepareResume']>>;
  try {
    prepared = await runner.prepareResume(executionId);
  } catch (error) {
    if (error instanceof GuixuError && error.code === 'EXECUTION_NOT_WAITING') {
      if (await runner.store.everWaitedFor(executionId, 'webhook')) {
        throw new GuixuError('EXECUTION_ALREADY_RESUMED', `Execution ${executionId} was already resumed`, {
          details: { executionId },
        });
      }
      throw notWaiting(executionId);
    }
    throw error;
  }
  if (!prepared.resumeOn.includes('webhook')) throw notWaiting(executionId);
  const settings = waitWebhookSettings(prepared.node);
  if (settings.incomingAuthentication !== 'none') {
    await authenticate(
      waitEntry(prepared, settings, request.method),
      request,
      Buffer.isBuffer(request.body) ? request.body : undefined,
      runner.credentialsFor(prepared.row.project_id),
    );
  }
  if (request.method !== settings.httpMethod.toUpperCase()) {
    throw new GuixuError(
      'WAIT_METHOD_NOT_ALLOWED',
      `Execution ${executionId} is resumed with ${settings.httpMethod.toUpperCase()}, not ${request.method}`,
      { details: { executionId, method: settings.httpMethod.toUpperCase() } },
    );
  }
  const item = await resumeItem({
    request,
    body: request.body,
    executionId,
    settings,
    binary: runner.binary,
    suffix: request.params['*'] ?? '',
  });
  let responded: ((response: WebhookResponse) => void) | undefined;
  const nodeResponse = new Promise<WebhookResponse>((resolve) => {
    responded = resolve;
  });
  const handle = await runner.resumePrepared(
    prepared,
    { reason: 'webhook', items: [item] },
    settings.responseMode === 'responseNode' && responded ? { respondToWebhook: responded } : {},
  );
  if (settings.responseMode === 'onReceived') {
    return reply.code(settings.responseCode).send({ message: 'Workflow was resumed', executionId });
  }
  if (settings.responseMode === 'responseNode') {
    const first = await Promise.race([nodeResponse, handle.finished]);
    if ('status' in first && 'body' in first)
      return sendNodeResponse(reply, first, runner.binaryFor(executionId));
    if (first.status === 'error' || first.status === 'canceled') throw executionFailed(first);
    return reply.code(settings.responseCode).send({ message: 'Workflow was resumed', executionId });
  }
  const state = await handle.finished;
  if (state.status === 'error' || state.status === 'canceled') throw executionFailed(state);
  if (state.status === 'waiting')
    return reply.code(settings.responseCode).send({ message: 'Workflow is waiting', executionId });
  return reply.code(settings.responseCode).send(finalItems(state)[0]?.json ?? {});
}

/** Credential slots of the Wait node's resume authentication (n8n's credential type names). */
const AUTH_SLOTS = { basicAuth: 'httpBasicAuth', headerAuth: 'httpHeaderAuth', jwtAuth: 'jwtAuth' } as const;

/**
 * The Wait node's resume call checked like a webhook call: the same
 * authentication code reads the node's credential (401 missing, 403 wrong).
 */
function waitEntry(prepared: PreparedResume, settings: WaitWebhookSettings, method: string): WebhookEntry {
  const authentication = settings.incomingAuthentication;
  return {
    workflowId: prepared.row.workflow_id ?? '',
    workflowVersion: prepared.row.workflow_version ?? 0,
    workflow: prepared.workflow,
    node: prepared.node,
    method,
    path: '',
    segments: [],
    dynamic: false,
    config: {
      methods: [],
      path: '',
      pathParams: [],
      authentication,
      ...(authentication === 'none' ? {} : { credentialSlot: AUTH_SLOTS[authentication] }),
      responseMode: settings.responseMode,
      responseCode: settings.responseCode,
      responseData: 'firstEntryJson',
      responseBinaryPropertyName: 'data',
    },
    options: {
      allowedOrigins: [],
      ignoreBots: false,
      ipWhitelist: [],
      noResponseBody: false,
      rawBody: false,
      responseHeaders: [],
    },
  };
}

function notWaiting(executionId: string): GuixuError {
  return new GuixuError(
    'WAITING_EXECUTION_NOT_FOUND',
    `No execution ${executionId} is waiting for a call to this URL`,
    { details: { executionId } },
  );
}

/**
 * Wait resumes: `ALL /webhook-waiting/:executionId` continues an execution
 * waiting for a webhook call, with the request as its item; time-based waits
 * resume from timers and a database scan that survive restarts, as do parents
 * waiting for a sub-workflow that waited (`runner/subworkflow-waits.ts`).
 */
export const feature: Feature = {
  name: 'waiting',
  order: 26,
  setup(ctx) {
    const runner = ctx.services.get('executions');
    const waitTimers = new WaitTimers(runner, ctx.log, { scanIntervalMs: SCAN_INTERVAL_MS });
    timers.set(ctx, waitTimers);
    waitTimers.listen();
    // Every process that runs executions (queue workers too) resumes the parents of children it ends.
    const stopSubWorkflowWaits = runner.subWorkflowWaits.listen();
    ctx.lifecycle.onShutdown({
      name: 'wait timers',
      phase: 'drain',
      run: () => {
        waitTimers.stop();
        stopSubWorkflowWaits();
      },
    });
  },
  routes(app, ctx) {
    const runner = ctx.services.get('executions');
    app.addContentTypeParser('*', { parseAs: 'buffer' }, (_request, body, done) => done(null, body));
    const handler = (
      request: FastifyRequest<{ Params: { executionId: string; '*'?: string } }>,
      reply: FastifyReply,
    ) => resume(runner, request, reply);
    app.all('/webhook-waiting/:executionId', handler);
    app.all('/webhook-waiting/:executionId/*', handler);
  },
  async start(ctx) {
    await timers.get(ctx)?.start();
  },
};

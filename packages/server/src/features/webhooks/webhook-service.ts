import type { CredentialProvider, NodeRegistry, WebhookResponse } from '@guixu/core';
import { GuixuError } from '@guixu/core';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Logger } from 'pino';
import type { Database } from '../../db/dialect.ts';
import type { ActivatedWorkflow } from '../../triggers.ts';
import type { ExecutionRunner } from '../../runner/types.ts';
import { applyCors, isBot, ipAllowed, preflight } from './webhook-cors.ts';
import { authenticate } from './webhook-auth.ts';
import { type WebhookEntry, webhookEntries } from './webhook-entry.ts';
import { WebhookIndex } from './webhook-index.ts';
import {
  executionFailed,
  noResponse,
  sendLastNode,
  sendNodeResponse,
  sendReceived,
} from './webhook-response.ts';
import { handlePlatformCallback } from './platform-callback.ts';
import { requestItem } from './request-item.ts';
import { TestWebhooks } from './test-webhooks.ts';
import { WebhookStore } from './webhook-store.ts';

export type WebhookKind = 'production' | 'test';

export const WEBHOOK_METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD'] as const;
const PREFIX: Record<WebhookKind, string> = { production: '/webhook/', test: '/webhook-test/' };

export interface WebhookServiceOptions {
  database: Database;
  registry: NodeRegistry;
  credentials: CredentialProvider;
  /** The credentials one workflow's webhook authentication reads (default: `credentials`). */
  credentialsFor?: (workflowId: string) => CredentialProvider;
  runner: () => ExecutionRunner;
  publicUrl: string;
  log: Logger;
}

/** Registers active workflows' webhooks and answers `/webhook/…` and `/webhook-test/…` calls. */
export class WebhookService {
  readonly production = new WebhookIndex();
  readonly test = new TestWebhooks();
  readonly store: WebhookStore;

  constructor(private readonly options: WebhookServiceOptions) {
    this.store = new WebhookStore(options.database);
  }

  entriesFor(workflow: ActivatedWorkflow): WebhookEntry[] {
    return webhookEntries(workflow.workflow, workflow, this.options.registry);
  }

  async activate(workflow: ActivatedWorkflow, entries = this.entriesFor(workflow)): Promise<void> {
    await this.store.replace(workflow.id, entries);
    this.production.set(workflow.id, entries);
  }

  async deactivate(workflowId: string): Promise<void> {
    this.production.remove(workflowId);
    await this.store.remove(workflowId);
  }

  url(kind: WebhookKind, path: string): string {
    return `${this.options.publicUrl.replace(/\/+$/, '')}${PREFIX[kind]}${path}`;
  }

  async handle(kind: WebhookKind, request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply> {
    const path = requestPath(request.url, PREFIX[kind]);
    const index = kind === 'production' ? this.production : this.test.index;
    if (request.method === 'OPTIONS') {
      const allowed = index.methodsAt(path, WEBHOOK_METHODS);
      const first = allowed[0] === undefined ? undefined : index.find(allowed[0], path);
      if (!first) throw notRegistered(kind, 'OPTIONS', path, []);
      return preflight(request, reply, first.entry, allowed);
    }
    const match = index.find(request.method, path);
    if (!match) throw notRegistered(kind, request.method, path, index.methodsAt(path, WEBHOOK_METHODS));
    const { entry, params } = match;
    applyCors(request, reply, entry);
    if (entry.options.ignoreBots && isBot(request.headers['user-agent'])) {
      throw new GuixuError('WEBHOOK_FORBIDDEN', 'Requests from bots are ignored by this webhook');
    }
    if (!ipAllowed(entry, request.ip)) {
      throw new GuixuError('WEBHOOK_FORBIDDEN', `Address ${request.ip} may not call this webhook`);
    }
    const body = Buffer.isBuffer(request.body) ? request.body : undefined;
    const credentials = this.options.credentialsFor?.(entry.workflowId) ?? this.options.credentials;
    await authenticate(entry, request, body, credentials);
    if (kind === 'test') this.test.stop(entry.workflowId);

    const callback = this.options.registry.find(entry.node.type, entry.node.typeVersion)?.trigger?.callback;
    if (callback) {
      return handlePlatformCallback({
        callback,
        entry,
        request,
        reply,
        body,
        credentials,
        runner: this.options.runner(),
        kind,
        onFailure: (error, executionId) =>
          this.options.log.error({ err: error, executionId }, 'webhook execution failed'),
      });
    }

    const runner = this.options.runner();
    const binary = runner.binary;
    const executionId = runner.newExecutionId();
    const item = await requestItem({
      request,
      entry,
      params,
      body,
      binary,
      executionId,
      webhookUrl: this.url(kind, entry.path),
      executionMode: kind,
    });
    const mode = entry.config.responseMode;
    let respond: ((response: WebhookResponse) => void) | undefined;
    const responded =
      mode === 'responseNode'
        ? new Promise<WebhookResponse>((resolve) => {
            respond = resolve;
          })
        : undefined;
    const started = await runner.start({
      workflow: entry.workflow,
      workflowId: entry.workflowId,
      workflowVersion: entry.workflowVersion,
      mode: kind === 'test' ? 'manual' : 'webhook',
      triggerNode: entry.node.name,
      triggerItems: [item],
      trigger: { kind: 'webhook', node: entry.node.name, method: request.method, path: entry.path },
      ...(respond ? { respondToWebhook: respond } : {}),
      executionId,
    });
    reply.header('x-execution-id', started.executionId);
    if (mode === 'onReceived') {
      started.finished.catch((error: unknown) =>
        this.options.log.error({ err: error, executionId: started.executionId }, 'webhook execution failed'),
      );
      return sendReceived(reply, entry);
    }
    if (mode === 'lastNode') {
      return sendLastNode(reply, entry, await started.finished, runner.binaryFor(started.executionId));
    }
    const first = await Promise.race([
      responded?.then((response) => ({ response })),
      started.finished.then((state) => ({ state })),
    ]);
    if (first && 'response' in first)
      return sendNodeResponse(reply, first.response, runner.binaryFor(started.executionId));
    if (!first) throw new Error('unreachable: a webhook run neither responded nor finished');
    if (first.state.status === 'error' || first.state.status === 'canceled')
      throw executionFailed(first.state);
    throw noResponse(entry, first.state);
  }
}

/** The webhook path of a request URL: after the prefix, before the query, without edge slashes. */
export function requestPath(url: string, prefix: string): string {
  const end = url.indexOf('?');
  const raw = url.slice(prefix.length, end < 0 ? undefined : end);
  return raw.replace(/^\/+|\/+$/g, '');
}

function notRegistered(kind: WebhookKind, method: string, path: string, others: string[]): GuixuError {
  const where = `${method} ${PREFIX[kind]}${path}`;
  const hint =
    others.length > 0
      ? `This path answers ${others.join(', ')} only.`
      : kind === 'test'
        ? 'Click "Listen for test event" in the editor (POST /api/v1/workflows/:id/webhook-test/listen) before calling a test webhook; it answers one call.'
        : 'Activate the workflow that has this webhook, or check the method and path.';
  return new GuixuError('WEBHOOK_NOT_FOUND', `The webhook ${where} is not registered. ${hint}`, {
    details: { method, path, kind, ...(others.length > 0 ? { allowedMethods: others } : {}) },
  });
}

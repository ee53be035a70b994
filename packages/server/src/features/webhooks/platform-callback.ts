import type { CredentialProvider, WebhookCallback } from '@guixu/core';
import { GuixuError } from '@guixu/core';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ExecutionRunner } from '../../runner/types.ts';
import type { WebhookEntry } from './webhook-entry.ts';

/**
 * A trigger that speaks a platform's callback protocol (trigger.callback) checks
 * and opens the request itself; its answer goes back to the caller at once and
 * its items, if any, start one run.
 */
export async function handlePlatformCallback(options: {
  callback: WebhookCallback;
  entry: WebhookEntry;
  request: FastifyRequest;
  reply: FastifyReply;
  body: Buffer | undefined;
  credentials: CredentialProvider;
  runner: ExecutionRunner;
  kind: 'production' | 'test';
  onFailure(error: unknown, executionId: string): void;
}): Promise<FastifyReply> {
  const { entry, request, reply } = options;
  const query =
    typeof request.query === 'object' && request.query !== null
      ? Object.fromEntries(Object.entries(request.query))
      : {};
  const result = await options.callback(
    {
      method: request.method,
      headers: request.headers,
      query,
      rawBody: options.body?.toString('utf8') ?? '',
    },
    {
      parameters: entry.node.parameters,
      async credential(slot) {
        const ref = entry.node.credentials?.[slot];
        if (!ref) {
          throw new GuixuError(
            'WEBHOOK_CREDENTIAL_UNAVAILABLE',
            "This webhook's credential is not set up on the server",
            {
              audience: 'operator',
              cause: new Error(`Node "${entry.node.name}" has no "${slot}" credential`),
            },
          );
        }
        return options.credentials.get({ ref, type: slot, node: entry.node.name, executionId: '' });
      },
    },
  );
  if (result.items && result.items.length > 0) {
    const executionId = options.runner.newExecutionId();
    const started = await options.runner.start({
      workflow: entry.workflow,
      workflowId: entry.workflowId,
      workflowVersion: entry.workflowVersion,
      mode: options.kind === 'test' ? 'manual' : 'webhook',
      triggerNode: entry.node.name,
      triggerItems: result.items.map((json) => ({ json })),
      trigger: { kind: 'webhook', node: entry.node.name, method: request.method, path: entry.path },
      executionId,
    });
    reply.header('x-execution-id', started.executionId);
    started.finished.catch((error: unknown) => options.onFailure(error, started.executionId));
  }
  return reply.code(result.answer.status).type(result.answer.contentType).send(result.answer.body);
}

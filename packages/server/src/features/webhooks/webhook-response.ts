import { Readable } from 'node:stream';
import {
  type BinaryStore,
  finalItems,
  GuixuError,
  type Item,
  type RunState,
  type WebhookResponse,
} from '@guixu/core';
import contentDisposition from 'content-disposition';
import type { FastifyReply } from 'fastify';
import type { WebhookEntry } from './webhook-entry.ts';

function applyHeaders(reply: FastifyReply, entry: WebhookEntry): void {
  for (const [name, value] of entry.options.responseHeaders) reply.header(name, value);
  if (entry.options.responseContentType) reply.header('content-type', entry.options.responseContentType);
}

function sendBody(reply: FastifyReply, entry: WebhookEntry, body: unknown): FastifyReply {
  if (entry.options.noResponseBody || body === undefined) return reply.send();
  if (typeof body === 'string') {
    if (!reply.hasHeader('content-type')) reply.type('text/plain; charset=utf-8');
    return reply.send(body);
  }
  if (!reply.hasHeader('content-type')) reply.type('application/json; charset=utf-8');
  return reply.send(JSON.stringify(body));
}

/** "Immediately": the response code and either the custom data or n8n's `{ message }`. */
export function sendReceived(reply: FastifyReply, entry: WebhookEntry): FastifyReply {
  reply.status(entry.config.responseCode);
  applyHeaders(reply, entry);
  const custom = entry.options.responseData;
  return sendBody(reply, entry, custom ?? { message: 'Workflow was started' });
}

export function executionFailed(state: RunState): GuixuError {
  const cause = state.error;
  return new GuixuError(
    'EXECUTION_FAILED',
    `The workflow failed${cause ? `${cause.node ? ` in node "${cause.node}"` : ''}: ${cause.message}` : ''}`,
    { audience: 'operator', details: { executionId: state.executionId, ...(cause ? { error: cause } : {}) } },
  );
}

async function sendBinary(
  reply: FastifyReply,
  binary: BinaryStore,
  ref: NonNullable<Item['binary']>[string],
): Promise<FastifyReply> {
  if (!reply.hasHeader('content-type')) reply.header('content-type', ref.mimeType);
  reply.header('content-length', String(ref.fileSize));
  if (ref.fileName && !reply.hasHeader('content-disposition')) {
    reply.header('content-disposition', contentDisposition(ref.fileName, { type: 'inline' }));
  }
  return reply.send(Readable.from(binary.stream(ref)));
}

/** "When last node finishes": output 0 of the last node, shaped by `responseData`. */
export async function sendLastNode(
  reply: FastifyReply,
  entry: WebhookEntry,
  state: RunState,
  binary: BinaryStore,
): Promise<FastifyReply> {
  if (state.status === 'error' || state.status === 'canceled') throw executionFailed(state);
  reply.status(entry.config.responseCode);
  applyHeaders(reply, entry);
  if (state.status === 'waiting') {
    return sendBody(reply, entry, { message: 'Workflow is waiting', executionId: state.executionId });
  }
  const items = finalItems(state);
  switch (entry.config.responseData) {
    case 'noData':
      return reply.send();
    case 'allEntries':
      return sendBody(
        reply,
        entry,
        items.map((item) => item.json),
      );
    case 'firstEntryBinary': {
      const ref = items[0]?.binary?.[entry.config.responseBinaryPropertyName];
      if (!ref) {
        throw new GuixuError(
          'WEBHOOK_NO_BINARY',
          `The last node's first item has no binary property "${entry.config.responseBinaryPropertyName}" to respond with`,
          { audience: 'operator', node: entry.node.name, parameter: 'responseBinaryPropertyName' },
        );
      }
      return sendBinary(reply, binary, ref);
    }
    case 'firstEntryJson': {
      const json = items[0]?.json ?? {};
      const key = entry.options.responsePropertyName;
      return sendBody(reply, entry, key !== undefined ? (json[key] ?? {}) : json);
    }
  }
}

/** What a Respond to Webhook node asked for. */
export async function sendNodeResponse(
  reply: FastifyReply,
  response: WebhookResponse,
  binary: BinaryStore,
): Promise<FastifyReply> {
  reply.status(response.status);
  for (const [name, value] of Object.entries(response.headers)) reply.header(name, value);
  const body = response.body;
  switch (body.kind) {
    case 'none':
      return reply.send();
    case 'redirect':
      reply.header('location', body.location);
      return reply.send();
    case 'text':
      if (!reply.hasHeader('content-type')) reply.type('text/plain; charset=utf-8');
      return reply.send(body.value);
    case 'json':
      if (!reply.hasHeader('content-type')) reply.type('application/json; charset=utf-8');
      return reply.send(JSON.stringify(body.value ?? null));
    case 'binary':
      return sendBinary(reply, binary, body.ref);
  }
}

export function noResponse(entry: WebhookEntry, state: RunState): GuixuError {
  return new GuixuError(
    'WEBHOOK_NO_RESPONSE',
    `The workflow ended without reaching a Respond to Webhook node (webhook node "${entry.node.name}")`,
    { audience: 'operator', details: { executionId: state.executionId, status: state.status } },
  );
}

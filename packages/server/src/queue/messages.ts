import { isRecord, type WebhookResponse } from '@guixu/core';
import type { RunnerEvent } from '../runner/types.ts';

/** What workers tell mains over Redis pub/sub (one channel per cluster). */
export type ClusterMessage =
  | { t: 'event'; event: RunnerEvent }
  | { t: 'respond'; executionId: string; response: WebhookResponse }
  | { t: 'finished'; executionId: string; status: string }
  /** A streamed part of a chat run's answer (an AI agent on a worker), for the main holding the chat. */
  | { t: 'delta'; executionId: string; text: string }
  | { t: 'cancel'; executionId: string };

const EVENT_TYPES = new Set([
  'executionStarted',
  'nodeStarted',
  'nodeFinished',
  'executionFinished',
  'executionWaiting',
]);
const BODY_KINDS = new Set(['json', 'text', 'binary', 'redirect', 'none']);

// Redis is inside the cluster's trust boundary; these checks keep a stray publisher from crashing a main.
function isRunnerEvent(value: unknown): value is RunnerEvent {
  return (
    isRecord(value) &&
    typeof value.type === 'string' &&
    EVENT_TYPES.has(value.type) &&
    typeof value.executionId === 'string'
  );
}

function isWebhookResponse(value: unknown): value is WebhookResponse {
  return (
    isRecord(value) &&
    typeof value.status === 'number' &&
    isRecord(value.headers) &&
    isRecord(value.body) &&
    typeof value.body.kind === 'string' &&
    BODY_KINDS.has(value.body.kind)
  );
}

/** The message in `text`, or null when it is not one of ours. */
export function parseMessage(text: string): ClusterMessage | null {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return null;
  }
  if (!isRecord(value)) return null;
  if (value.t === 'event') return isRunnerEvent(value.event) ? { t: 'event', event: value.event } : null;
  if (typeof value.executionId !== 'string') return null;
  const executionId = value.executionId;
  if (value.t === 'respond') {
    return isWebhookResponse(value.response) ? { t: 'respond', executionId, response: value.response } : null;
  }
  if (value.t === 'finished' && typeof value.status === 'string') {
    return { t: 'finished', executionId, status: value.status };
  }
  if (value.t === 'delta' && typeof value.text === 'string')
    return { t: 'delta', executionId, text: value.text };
  if (value.t === 'cancel') return { t: 'cancel', executionId };
  return null;
}

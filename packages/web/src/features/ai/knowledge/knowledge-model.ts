import type { KnowledgeProgress } from '@guixu/api';
import { csrfHeaders } from '../../../api/client.ts';
import { ApiError } from '../../../api/api-error.ts';
import { parseSse, type SseEvent } from '../../editor/chat/chat-model.ts';

/** One file as the upload route takes it: text files as text, others (PDF) as base64. */
export interface UploadFile {
  name: string;
  mimeType?: string;
  text?: string;
  base64?: string;
}

const TEXT_TYPES = /^(text\/|application\/(json|xml|x-ndjson))/;
const TEXT_NAMES = /\.(txt|md|markdown|csv|json|html?|xml)$/i;

function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000)
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

export async function readUpload(file: File): Promise<UploadFile> {
  const mimeType = file.type || undefined;
  if (TEXT_TYPES.test(file.type) || TEXT_NAMES.test(file.name))
    return { name: file.name, ...(mimeType ? { mimeType } : {}), text: await file.text() };
  return {
    name: file.name,
    ...(mimeType ? { mimeType } : {}),
    base64: toBase64(new Uint8Array(await file.arrayBuffer())),
  };
}

/** Progress of one document of an upload, as the page shows it. */
export interface DocumentProgress {
  name: string;
  stage: string;
  status: string;
  done: number;
  total: number;
  error?: string;
}

/** Folds a progress event into the per-document progress (keyed by the document's name). */
export function applyProgress(
  state: Record<string, DocumentProgress>,
  event: KnowledgeProgress,
): Record<string, DocumentProgress> {
  if (event.type !== 'document' || !event.name) return state;
  const before = state[event.name] ?? { name: event.name, stage: '', status: 'pending', done: 0, total: 0 };
  return {
    ...state,
    [event.name]: {
      ...before,
      stage: event.stage ?? before.stage,
      status: event.status ?? before.status,
      done: event.chunksDone ?? before.done,
      total: event.chunksTotal ?? before.total,
      ...(event.error ? { error: event.error.message } : {}),
    },
  };
}

/** Percent of one document's work: chunks embedded and stored out of all (100 once ready). */
export function percentOf(p: DocumentProgress): number {
  if (p.status === 'ready' || p.status === 'failed') return 100;
  if (p.total === 0) return 0;
  return Math.min(100, Math.round((p.done / p.total) * 100));
}

/** POSTs JSON to a streaming route and calls `onEvent` for each server-sent event. */
export async function postStream(
  url: string,
  body: unknown,
  onEvent: (event: SseEvent) => void,
): Promise<void> {
  const response = await fetch(url, {
    method: 'POST',
    credentials: 'same-origin',
    headers: { 'content-type': 'application/json', accept: 'text/event-stream', ...csrfHeaders() },
    body: JSON.stringify(body ?? {}),
  });
  if (!response.ok || !response.body) throw await ApiError.from(response);
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    const parsed = parseSse(buffer + value);
    buffer = parsed.rest;
    for (const event of parsed.events) onEvent(event);
  }
}

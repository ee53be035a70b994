import { GuixuError, type Item, type JsonObject, NodeOperationError } from '@guixu/core';
import { contentTypeOf, decodeText } from './response.ts';
import type { TransportResponse } from './transport.ts';

const EXCERPT_BYTES = 64 * 1024;
const EXCERPT_CHARS = 300;

export function isSuccess(statusCode: number): boolean {
  return statusCode >= 200 && statusCode < 300;
}

/** Hides credential values in text shown to users. */
export function redact(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const secret of secrets) if (secret.length >= 3) out = out.split(secret).join('***');
  return out;
}

async function excerpt(response: TransportResponse): Promise<string> {
  const parts: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of response.body) {
      parts.push(Buffer.from(chunk));
      size += chunk.byteLength;
      if (size >= EXCERPT_BYTES) break;
    }
  } catch {
    // the excerpt is best effort; the status says what matters
  }
  return decodeText(Buffer.concat(parts), contentTypeOf(response.headers));
}

function retryAfterMs(value: string | string[] | undefined, now: number): number | undefined {
  const raw = Array.isArray(value) ? value[0] : value;
  if (!raw) return undefined;
  const seconds = Number(raw);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(raw);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

function descriptionFor(status: number): string | undefined {
  if (status === 429) return "Try spacing your requests out using the batching settings under 'Options'.";
  if (status === 401 || status === 403) return 'Check the credential and its permissions.';
  if (status === 404) return 'Check the URL.';
  if (status >= 500) return 'The server had a problem; retrying later may help.';
  return undefined;
}

export interface StatusErrorContext {
  nodeName: string;
  itemIndex: number;
  method: string;
  secrets: readonly string[];
  now: number;
}

/** The error for a non-2xx answer: code `HTTP_STATUS_<n>`, status and a short body excerpt. */
export async function statusError(
  response: TransportResponse,
  context: StatusErrorContext,
): Promise<GuixuError> {
  return statusErrorFromText(response, await excerpt(response), context);
}

interface StatusLine {
  statusCode: number;
  statusMessage: string;
  url: string;
  headers: Record<string, string | string[]>;
}

export function statusErrorFromText(
  response: StatusLine,
  text: string,
  context: StatusErrorContext,
): GuixuError {
  const status = response.statusCode;
  const flat = text.replace(/\s+/g, ' ').trim();
  const short = flat.length > EXCERPT_CHARS ? `${flat.slice(0, EXCERPT_CHARS)}…` : flat;
  const body = redact(short, context.secrets);
  const target = redact(response.url.split('?')[0] ?? response.url, context.secrets);
  const head = `${status} ${response.statusMessage}`.trim();
  const message = `Request failed with ${head} (${context.method} ${target})${body ? `: ${body}` : ''}`;
  return new NodeOperationError(context.nodeName, message, {
    details: { code: `HTTP_STATUS_${status}`, statusCode: status, itemIndex: context.itemIndex, body },
    retryable: status === 429 || status >= 500,
    retryAfterMs: retryAfterMs(response.headers['retry-after'], context.now),
    description: descriptionFor(status),
  });
}

/** Gives a transport or token error the node's name and the item it failed on. */
export function asNodeError(
  error: unknown,
  nodeName: string,
  itemIndex: number,
  secrets: readonly string[],
): GuixuError {
  if (error instanceof NodeOperationError) return error;
  if (error instanceof GuixuError) {
    return new NodeOperationError(nodeName, redact(error.message, secrets), {
      details: { ...error.details, code: error.code, itemIndex },
      retryable: error.retryable,
      retryAfterMs: error.retryAfterMs,
      description: error.description,
      parameter: error.parameter,
      cause: error,
    });
  }
  const message = error instanceof Error ? error.message : String(error);
  return new NodeOperationError(nodeName, redact(message, secrets), {
    details: { code: 'HTTP_REQUEST_FAILED', itemIndex },
    cause: error,
    audience: 'bug',
  });
}

/**
 * The item for a failed request when the node continues on fail. As in n8n, `error` is an
 * object, not text (n8n 2.x puts its NodeApiError there: message, description and the
 * status as `httpCode`), so `$json.error.message` and `$json.error.httpCode` read the same.
 */
export function failedRequestItem(error: unknown, itemIndex: number): Item {
  const out: JsonObject = {
    message: error instanceof Error ? error.message : String(error),
    name: 'NodeApiError',
  };
  if (error instanceof GuixuError) {
    const code = error.details?.code;
    out.code = typeof code === 'string' ? code : error.code;
    const status = error.details?.statusCode;
    if (typeof status === 'number') {
      out.httpCode = String(status);
      out.status = status;
    }
    if (error.description) out.description = error.description;
  }
  return { json: { error: out }, pairedItem: { item: itemIndex } };
}

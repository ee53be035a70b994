import { GuixuError, type JsonObject, p, type WebhookCallbackRequest } from '@guixu/core';
import { z } from 'zod';
import { CallbackCryptoError } from './biz-msg-crypt.ts';

/** Parameters every platform callback trigger has: its webhook path and the methods it answers. */
export function callbackTriggerParams(methods: readonly ('GET' | 'POST')[]) {
  return {
    path: p.string({
      label: 'Path',
      placeholder: 'lark-events',
      description: 'The URL path after /webhook/; give the platform this URL as the callback address.',
      required: true,
      noExpression: true,
    }),
    httpMethod: p.custom<string | string[]>({
      kind: 'hidden',
      widget: 'hidden',
      label: 'HTTP method',
      schema: z.union([z.string(), z.array(z.string())]),
      default: methods.length === 1 ? (methods[0] ?? 'POST') : [...methods],
      noExpression: true,
    }),
  };
}

/** A forged, unreadable or malformed callback: 403 for the caller, the reason in words. */
export function refuse(error: unknown): never {
  if (error instanceof GuixuError) throw error;
  const message =
    error instanceof CallbackCryptoError
      ? error.message
      : `The callback body is not valid: ${error instanceof Error ? error.message : String(error)}`;
  const code = error instanceof CallbackCryptoError ? error.code : 'CALLBACK_BODY_INVALID';
  throw new GuixuError('WEBHOOK_FORBIDDEN', message, { details: { reason: code } });
}

export function queryText(request: WebhookCallbackRequest, name: string): string {
  const value = request.query[name];
  return typeof value === 'string'
    ? value
    : Array.isArray(value) && typeof value[0] === 'string'
      ? value[0]
      : '';
}

export const text = (body: string, status = 200) => ({
  status,
  contentType: 'text/plain; charset=utf-8',
  body,
});
export const json = (body: unknown, status = 200) => ({
  status,
  contentType: 'application/json; charset=utf-8',
  body: JSON.stringify(body),
});

/** An event parsed from the platform's JSON as an item's JSON (a non-object is wrapped as `value`). */
export function eventItem(value: unknown): JsonObject {
  const object = typeof value === 'object' && value !== null && !Array.isArray(value) ? value : { value };
  // It came from JSON.parse, so it holds JSON values only.
  return object as JsonObject;
}

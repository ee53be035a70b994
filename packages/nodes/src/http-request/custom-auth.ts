import { NodeOperationError } from '@guixu/core';
import type { Authenticator } from './auth.ts';
import { isPlainObject } from './query-string.ts';
import { type RequestSpec, setHeader } from './request-spec.ts';

/** n8n's "Custom Auth": headers, query parameters and body fields from a JSON credential. */
export interface CustomAuth {
  headers: Record<string, unknown>;
  qs: Record<string, unknown>;
  body: Record<string, unknown>;
}

export function parseCustomAuth(json: string, nodeName: string): CustomAuth {
  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch (error) {
    throw new NodeOperationError(nodeName, 'Invalid Custom Auth JSON', {
      description: error instanceof Error ? error.message : undefined,
      details: { code: 'HTTP_CREDENTIAL_INVALID', credentialType: 'httpCustomAuth' },
    });
  }
  if (!isPlainObject(parsed)) {
    throw new NodeOperationError(
      nodeName,
      'Custom Auth JSON must be an object with "headers", "qs" or "body"',
      {
        details: { code: 'HTTP_CREDENTIAL_INVALID', credentialType: 'httpCustomAuth' },
      },
    );
  }
  const part = (key: string) => {
    const value = parsed[key];
    return isPlainObject(value) ? value : {};
  };
  return { headers: part('headers'), qs: part('qs'), body: part('body') };
}

function stringsIn(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(stringsIn);
  if (isPlainObject(value)) return Object.values(value).flatMap(stringsIn);
  return [];
}

function mergeBody(spec: RequestSpec, fields: Record<string, unknown>): void {
  if (Object.keys(fields).length === 0) return;
  const body = spec.body;
  if (!body) spec.body = { type: 'json', value: { ...fields } };
  else if (body.type === 'json' && isPlainObject(body.value))
    spec.body = { type: 'json', value: { ...body.value, ...fields } };
  else if (body.type === 'form') spec.body = { type: 'form', fields: { ...body.fields, ...fields } };
  else if (body.type === 'multipart') {
    const names = new Set(Object.keys(fields));
    const parts = body.parts.filter((part) => !names.has(part.name));
    for (const [name, value] of Object.entries(fields)) {
      parts.push({ name, value: typeof value === 'string' ? value : JSON.stringify(value) });
    }
    spec.body = { type: 'multipart', parts };
  }
}

export function customAuth(auth: CustomAuth): Authenticator {
  return {
    async apply(spec) {
      for (const [name, value] of Object.entries(auth.headers)) {
        if (value !== undefined && value !== null) setHeader(spec.headers, name, String(value));
      }
      Object.assign(spec.qs, auth.qs);
      mergeBody(spec, auth.body);
    },
    refreshAfterUnauthorized: async () => false,
    secrets: [...stringsIn(auth.headers), ...stringsIn(auth.qs), ...stringsIn(auth.body)].filter(
      (s) => s.length >= 3,
    ),
  };
}

import type { ResponseOf, RouteContract } from '@guixu/api';
import type { z } from 'zod';
import { ApiError } from './api-error.ts';

type InputOf<S> = S extends z.ZodType ? z.input<S> : undefined;

/** What a caller passes: the contract's path parameters, query and body, typed from its zod schemas. */
export type CallInput<C extends RouteContract> = (C['params'] extends z.ZodType
  ? { params: InputOf<C['params']> }
  : { params?: undefined }) &
  (C['query'] extends z.ZodType ? { query?: InputOf<C['query']> } : { query?: undefined }) &
  (C['body'] extends z.ZodType ? { body?: InputOf<C['body']> } : { body?: undefined });

const CSRF_COOKIE = 'guixu_csrf';
const CSRF_HEADER = 'x-guixu-csrf';

function readCookie(name: string): string | undefined {
  for (const part of document.cookie.split(';')) {
    const [key, ...rest] = part.trim().split('=');
    if (key === name) return decodeURIComponent(rest.join('='));
  }
  return undefined;
}

/** The CSRF header for a raw `fetch` outside `call` (a streamed answer, an upload). */
export function csrfHeaders(): Record<string, string> {
  const csrf = readCookie(CSRF_COOKIE);
  return csrf ? { [CSRF_HEADER]: csrf } : {};
}

export function pathOf(contract: RouteContract, params: Record<string, unknown> | undefined): string {
  return contract.path.replace(/:(\w+)/g, (_, name: string) => {
    const value = params?.[name];
    if (value === undefined || value === null) throw new Error(`${contract.operationId}: missing :${name}`);
    return encodeURIComponent(String(value));
  });
}

function queryString(query: Record<string, unknown> | undefined): string {
  if (!query) return '';
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === '') continue;
    search.set(key, String(value));
  }
  const text = search.toString();
  return text === '' ? '' : `?${text}`;
}

/** Called once when the access cookie expired: refreshes the session (true when it worked). */
let refreshing: Promise<boolean> | undefined;
async function refreshSession(): Promise<boolean> {
  refreshing ??= fetch('/api/v1/auth/refresh', {
    method: 'POST',
    credentials: 'same-origin',
    headers: { 'content-type': 'application/json' },
    body: '{}',
  })
    .then((r) => r.ok)
    .catch(() => false)
    .finally(() => {
      refreshing = undefined;
    });
  return refreshing;
}

async function send(contract: RouteContract, input: Record<string, unknown>): Promise<Response> {
  const headers: Record<string, string> = { accept: 'application/json' };
  const csrf = readCookie(CSRF_COOKIE);
  if (csrf && contract.method !== 'GET') headers[CSRF_HEADER] = csrf;
  let body: string | undefined;
  if (input.body !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(input.body);
  } else if (contract.method === 'POST' || contract.method === 'PUT' || contract.method === 'PATCH') {
    headers['content-type'] = 'application/json';
    body = '{}';
  }
  const url =
    pathOf(contract, input.params as Record<string, unknown> | undefined) +
    queryString(input.query as Record<string, unknown> | undefined);
  return fetch(url, { method: contract.method, headers, body, credentials: 'same-origin' });
}

/**
 * Calls one API route described by its contract from `@guixu/api`: the path,
 * method and types come from the contract, and the answer is parsed with the
 * contract's response schema (so the app only ever holds data of that shape).
 */
export async function call<C extends RouteContract>(
  contract: C,
  input: CallInput<C>,
): Promise<ResponseOf<C>> {
  const raw = input as Record<string, unknown>;
  let response = await send(contract, raw);
  if (response.status === 401 && !contract.path.startsWith('/api/v1/auth/') && (await refreshSession())) {
    response = await send(contract, raw);
  }
  if (!response.ok) throw await ApiError.from(response);
  if (response.status === 204 || contract.response === undefined) return undefined as ResponseOf<C>;
  const json: unknown = await response.json();
  return contract.response.parse(json) as ResponseOf<C>;
}

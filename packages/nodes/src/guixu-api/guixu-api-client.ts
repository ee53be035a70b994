import { NodeOperationError } from '@guixu/core';
import { joinUrl } from '../credentials/service-auth.ts';

/**
 * Calls a GuixuFlow instance's REST API with an API key. The key is the only
 * authority: the server checks its user's projects and the key's scopes, so
 * the node can reach nothing its key cannot. Errors carry the API's own code.
 */
export interface GuixuApi {
  request(
    method: string,
    path: string,
    options?: { query?: Record<string, unknown>; body?: unknown },
  ): Promise<unknown>;
  /** Every page of a `{ data, nextCursor }` list (`limit` items at most unless `returnAll`). */
  list(path: string, query: Record<string, unknown>, returnAll: boolean, limit: number): Promise<unknown[]>;
}

const PAGE = 250;

export function guixuApi(
  credential: { apiKey: string; baseUrl: string },
  node: string,
  signal: AbortSignal,
  itemIndex: number,
): GuixuApi {
  const fail = (message: string, details: Record<string, unknown> = {}): never => {
    throw new NodeOperationError(node, message.split(credential.apiKey).join('***'), {
      details: { itemIndex, ...details },
    });
  };

  async function request(
    method: string,
    path: string,
    options: { query?: Record<string, unknown>; body?: unknown } = {},
  ): Promise<unknown> {
    let url: URL;
    try {
      url = new URL(joinUrl(credential.baseUrl, path));
    } catch {
      return fail(`The credential's Base URL "${credential.baseUrl}" is not a valid URL`);
    }
    for (const [key, value] of Object.entries(options.query ?? {})) {
      if (value !== undefined && value !== '') url.searchParams.set(key, String(value));
    }
    let response: Response;
    try {
      response = await fetch(url, {
        method,
        signal,
        redirect: 'manual',
        headers: {
          'x-api-key': credential.apiKey,
          accept: 'application/json',
          ...(options.body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        ...(options.body === undefined ? {} : { body: JSON.stringify(options.body) }),
      });
    } catch (error) {
      if (signal.aborted) throw signal.reason;
      const cause =
        error instanceof Error && error.cause instanceof Error ? error.cause.message : String(error);
      return fail(`Could not reach GuixuFlow at ${url.host}: ${cause}`);
    }
    const text = await response.text();
    let body: unknown;
    try {
      body = text === '' ? undefined : JSON.parse(text);
    } catch {
      body = text;
    }
    if (!response.ok) {
      const record = typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : {};
      const code = typeof record.code === 'string' ? record.code : `HTTP_${response.status}`;
      const message = typeof record.message === 'string' ? record.message : `HTTP ${response.status}`;
      const hint =
        response.status === 401
          ? ' (check the API key)'
          : response.status === 403
            ? " (the API key's user or scopes do not allow this)"
            : '';
      return fail(`GuixuFlow answered ${response.status} ${code}: ${message}${hint}`, {
        status: response.status,
        code,
      });
    }
    return body;
  }

  async function list(
    path: string,
    query: Record<string, unknown>,
    returnAll: boolean,
    limit: number,
  ): Promise<unknown[]> {
    const out: unknown[] = [];
    let cursor: string | undefined;
    do {
      const want = returnAll ? PAGE : Math.min(PAGE, limit - out.length);
      const page = (await request('GET', path, { query: { ...query, limit: want, cursor } })) as {
        data?: unknown[];
        nextCursor?: string | null;
      };
      out.push(...(page.data ?? []));
      cursor = page.nextCursor ?? undefined;
    } while (cursor && (returnAll || out.length < limit));
    return returnAll ? out : out.slice(0, limit);
  }

  return { request, list };
}

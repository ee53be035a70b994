import { testNode, testNodeError } from '@guixu/core';
import { afterEach, describe, expect, it } from 'vitest';
import httpRequest from './http-request.node.ts';
import { serverPool } from './test-support/harness.ts';
import { startServer } from './test-support/servers.ts';

const pool = serverPool();
afterEach(() => pool.closeAll());

/** A paged API: /items?page=N (1..3), cursor links, 404 past the end, and body paging on POST. */
async function pagedApi() {
  const requests: string[] = [];
  const server = await pool.track(
    startServer((req, res, body) => {
      const url = new URL(req.url ?? '/', 'http://x');
      requests.push(`${req.method} ${url.pathname}${url.search}${body.length ? ` ${body}` : ''}`);
      const json = (status: number, value: unknown) =>
        res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(value));
      if (url.pathname === '/items') {
        const page = Number(url.searchParams.get('page') ?? '1');
        if (page > 3) return json(404, { error: 'no page' });
        const items = page === 3 ? [] : [{ id: `${page}a` }, { id: `${page}b` }];
        return json(200, items);
      }
      if (url.pathname === '/cursor') {
        const cursor = Number(url.searchParams.get('cursor') ?? '0');
        // Absolute and relative next links both occur in real APIs.
        const path = `/cursor?cursor=${cursor + 1}&limit=1`;
        const next = cursor >= 2 ? null : cursor === 0 ? `http://${req.headers.host}${path}` : path;
        return json(200, { data: [{ at: cursor }], next });
      }
      if (url.pathname === '/search') {
        const offset = JSON.parse(body.toString() || '{}').offset ?? 0;
        return json(200, {
          result: { points: [offset], next_page_offset: offset < 20 ? offset + 10 : null },
        });
      }
      if (url.pathname === '/same') return json(200, { data: [1] });
      if (url.pathname === '/flaky') return json(500, { error: 'boom' });
      json(400, { error: 'unknown path' });
    }),
  );
  return { url: server.url, requests };
}

function paginated(url: string, pagination: Record<string, unknown>, extra: Record<string, unknown> = {}) {
  return { url, ...extra, options: { pagination: { pagination } } };
}

describe('HTTP Request: pagination', () => {
  it('updates a query parameter from $pageCount until the response is empty', async () => {
    const api = await pagedApi();
    const result = await testNode(httpRequest, {
      parameters: paginated(`${api.url}/items`, {
        parameters: { parameters: [{ type: 'qs', name: 'page', value: '={{ $pageCount + 1 }}' }] },
        paginationCompleteWhen: 'responseIsEmpty',
      }),
    });
    expect(result.json[0]?.map((j) => j.id)).toEqual(['1a', '1b', '2a', '2b']);
    expect(api.requests).toEqual(['GET /items?page=1', 'GET /items?page=2', 'GET /items?page=3']);
  });

  it('stops on specific status codes without outputting that page', async () => {
    const api = await pagedApi();
    const result = await testNode(httpRequest, {
      parameters: paginated(`${api.url}/items`, {
        parameters: { parameters: [{ type: 'qs', name: 'page', value: '={{ $pageCount + 2 }}' }] },
        paginationCompleteWhen: 'receiveSpecificStatusCodes',
        statusCodesWhenComplete: '404, 410',
      }),
    });
    expect(result.json[0]?.map((j) => j.id)).toEqual(['2a', '2b']);
    expect(api.requests).toEqual(['GET /items?page=2', 'GET /items?page=3', 'GET /items?page=4']);
  });

  it('follows the next URL from the response until the complete expression is true', async () => {
    const api = await pagedApi();
    const result = await testNode(httpRequest, {
      parameters: paginated(
        `${api.url}/cursor`,
        {
          paginationMode: 'responseContainsNextURL',
          nextURL: '={{ $response.body.next }}',
          paginationCompleteWhen: 'other',
          completeExpression: '={{ !$response.body.next }}',
        },
        { sendQuery: true, queryParameters: { parameters: [{ name: 'limit', value: '1' }] } },
      ),
    });
    expect(result.json[0]?.map((j) => j.data)).toEqual([[{ at: 0 }], [{ at: 1 }], [{ at: 2 }]]);
    expect(api.requests).toEqual([
      'GET /cursor?limit=1',
      'GET /cursor?cursor=1&limit=1',
      'GET /cursor?cursor=2&limit=1',
    ]);
  });

  it('updates a body parameter (the n8n Qdrant scroll pattern)', async () => {
    const api = await pagedApi();
    const result = await testNode(httpRequest, {
      parameters: paginated(
        `${api.url}/search`,
        {
          parameters: {
            parameters: [
              { type: 'body', name: 'offset', value: '={{ $response.body?.result?.next_page_offset ?? 0 }}' },
            ],
          },
          paginationCompleteWhen: 'other',
          completeExpression: '={{ $response.body.result.next_page_offset === null }}',
        },
        { method: 'POST', sendBody: true, specifyBody: 'json', jsonBody: '{"limit": 10}' },
      ),
    });
    expect(result.json[0]?.map((j) => j.result)).toEqual([
      { points: [0], next_page_offset: 10 },
      { points: [10], next_page_offset: 20 },
      { points: [20], next_page_offset: null },
    ]);
    expect(api.requests[1]).toBe('POST /search {"limit":10,"offset":10}');
  });

  it('updates a header and exposes $request', async () => {
    const seen: (string | string[] | undefined)[] = [];
    const server = await pool.track(
      startServer((req, res) => {
        seen.push(req.headers['x-page']);
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ n: seen.length }));
      }),
    );
    await testNode(httpRequest, {
      parameters: paginated(server.url, {
        parameters: {
          parameters: [
            {
              type: 'headers',
              name: 'X-Page',
              value: '={{ $request.method + "-" + $pageCount + ($request.uri === $request.url ? "" : "!") }}',
            },
          ],
        },
        paginationCompleteWhen: 'other',
        completeExpression: '={{ $response.body.n >= 3 }}',
      }),
    });
    expect(seen).toEqual(['GET-0', 'GET-1', 'GET-2']);
  });

  it('limits the number of pages and waits between requests', async () => {
    const api = await pagedApi();
    const sleeps: number[] = [];
    const result = await testNode(httpRequest, {
      clock: {
        now: () => Date.now(),
        sleep: async (ms) => {
          sleeps.push(ms);
        },
      },
      parameters: paginated(`${api.url}/items`, {
        parameters: { parameters: [{ type: 'qs', name: 'page', value: '={{ $pageCount + 1 }}' }] },
        limitPagesFetched: true,
        maxRequests: 2,
        requestInterval: 500,
      }),
    });
    expect(result.json[0]).toHaveLength(4);
    expect(api.requests).toHaveLength(2);
    expect(sleeps).toEqual([500]);
  });

  it('stops a loop that keeps returning the same page', async () => {
    const api = await pagedApi();
    const error = await testNodeError(httpRequest, {
      parameters: paginated(`${api.url}/same`, {
        parameters: { parameters: [{ type: 'qs', name: 'ignored', value: '=x' }] },
      }),
    });
    expect(error.details?.code).toBe('HTTP_PAGINATION_LOOP');
    expect(error.message).toBe(
      'The server returned the same response 4 times in a row, so pagination stopped',
    );
    expect(api.requests).toHaveLength(4);
  });

  it('fails on an error page when pagination wanted more, unless Never Error', async () => {
    const api = await pagedApi();
    const pagination = {
      parameters: { parameters: [{ type: 'qs', name: 'p', value: '={{ $pageCount }}' }] },
      paginationCompleteWhen: 'other',
      completeExpression: '={{ $pageCount >= 2 }}',
    };
    const error = await testNodeError(httpRequest, { parameters: paginated(`${api.url}/flaky`, pagination) });
    expect(error.code).toBe('HTTP_STATUS_500');
    expect(error.message).toContain('{"error":"boom"}');
    const kept = await testNode(httpRequest, {
      parameters: {
        ...paginated(`${api.url}/flaky`, pagination),
        options: { pagination: { pagination }, response: { response: { neverError: true } } },
      },
    });
    expect(kept.json[0]).toEqual([{ error: 'boom' }, { error: 'boom' }]);
  });

  it('checks its settings with clear messages', async () => {
    const api = await pagedApi();
    const empty = await testNodeError(httpRequest, {
      parameters: paginated(`${api.url}/items`, {
        parameters: { parameters: [{ type: 'qs', name: '', value: '' }] },
      }),
    });
    expect(empty.message).toContain("At least one entry with 'Name' and 'Value' filled");
    const noExpression = await testNodeError(httpRequest, {
      parameters: paginated(`${api.url}/items`, {
        parameters: { parameters: [{ type: 'qs', name: 'page', value: '2' }] },
        paginationCompleteWhen: 'other',
        completeExpression: 'true',
      }),
    });
    expect(noExpression.message).toBe('Invalid or empty Complete Expression');
    const codes = await testNodeError(httpRequest, {
      parameters: paginated(`${api.url}/items`, {
        parameters: { parameters: [{ type: 'qs', name: 'page', value: '2' }] },
        paginationCompleteWhen: 'receiveSpecificStatusCodes',
        statusCodesWhenComplete: 'four-oh-four',
      }),
    });
    expect(codes.parameter).toBe('options.pagination.pagination.statusCodesWhenComplete');
    const badNext = await testNodeError(httpRequest, {
      parameters: paginated(`${api.url}/items`, {
        paginationMode: 'responseContainsNextURL',
        nextURL: '={{ $response.body.nothing }}',
        paginationCompleteWhen: 'other',
        completeExpression: '={{ false }}',
      }),
    });
    expect(badNext.message).toContain('"Next URL" did not evaluate to a URL on page 2');
  });

  it('is off when the mode says so', async () => {
    const api = await pagedApi();
    const result = await testNode(httpRequest, {
      parameters: paginated(`${api.url}/items`, { paginationMode: 'off' }),
    });
    expect(result.json[0]).toHaveLength(2);
    expect(api.requests).toEqual(['GET /items']);
  });
});

import { testNode, testNodeError } from '@guixu/core';
import { afterEach, describe, expect, it } from 'vitest';
import httpRequest from './http-request.node.ts';
import { apiServer } from './test-support/api-server.ts';
import { serverPool } from './test-support/harness.ts';
import { startHttpsServer, startProxy, startServer } from './test-support/servers.ts';

const pool = serverPool();
afterEach(() => pool.closeAll());

describe('HTTP Request: connection options', () => {
  it('keeps credentials on cross-origin redirects only when asked', async () => {
    const target = await pool.track(
      startServer((req, res) =>
        res
          .writeHead(200, { 'content-type': 'application/json' })
          .end(JSON.stringify({ auth: req.headers.authorization ?? null })),
      ),
    );
    const origin = await pool.track(
      startServer((_req, res) => res.writeHead(302, { location: `${target.url}/x` }).end()),
    );
    const base = {
      url: origin.url,
      authentication: 'genericCredentialType',
      genericAuthType: 'httpBearerAuth',
    };
    const credentials = { httpBearerAuth: { token: 'tok' } };
    const dropped = await testNode(httpRequest, { parameters: base, credentials });
    expect(dropped.json).toEqual([[{ auth: null }]]);
    const kept = await testNode(httpRequest, {
      parameters: { ...base, options: { sendCredentialsOnCrossOriginRedirect: true } },
      credentials,
    });
    expect(kept.json).toEqual([[{ auth: 'Bearer tok' }]]);
  });

  it('follows redirects by default and can be told not to', async () => {
    const api = await apiServer(pool);
    const followed = await testNode(httpRequest, { parameters: { url: `${api.url}/redirect` } });
    expect(followed.json).toEqual([[{ id: 1 }, { id: 2 }]]);
    const notFollowed = await testNode(httpRequest, {
      parameters: {
        url: `${api.url}/redirect`,
        options: {
          redirect: { redirect: { followRedirects: false } },
          response: { response: { neverError: true, fullResponse: true } },
        },
      },
    });
    expect(notFollowed.json[0]?.[0]).toMatchObject({ statusCode: 302, headers: { location: '/users' } });
    const limited = await testNodeError(httpRequest, {
      parameters: {
        url: `${api.url}/redirect`,
        options: { redirect: { redirect: { followRedirects: true, maxRedirects: 0 } } },
      },
    });
    expect(limited.code).toBe('HTTP_TOO_MANY_REDIRECTS');
  });

  it('gives up after the timeout', async () => {
    const api = await apiServer(pool);
    const error = await testNodeError(httpRequest, {
      parameters: { url: `${api.url}/slow`, options: { timeout: 100 } },
    });
    expect(error.code).toBe('HTTP_TIMEOUT');
    expect(error.message).toBe(`No response from ${api.url} within 100 ms`);
  });

  it('stops when the run is cancelled', async () => {
    const api = await apiServer(pool);
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 50);
    const error = await testNodeError(httpRequest, {
      signal: controller.signal,
      parameters: { url: `${api.url}/slow` },
    });
    expect(error.code).toBe('HTTP_CANCELLED');
    const again = new AbortController();
    setTimeout(() => again.abort(), 50);
    const continuing = await testNodeError(httpRequest, {
      signal: again.signal,
      onError: 'continueRegularOutput',
      items: [{}, {}],
      parameters: { url: `${api.url}/slow` },
    });
    expect(continuing.code).toBe('HTTP_CANCELLED');
  });

  it('accepts a self-signed certificate only with "Ignore SSL Issues"', async () => {
    const secure = await pool.track(
      startHttpsServer((_req, res) =>
        res.writeHead(200, { 'content-type': 'application/json' }).end('{"tls":true}'),
      ),
    );
    const error = await testNodeError(httpRequest, { parameters: { url: secure.url } });
    expect(error.code).toBe('HTTP_TLS_ERROR');
    const result = await testNode(httpRequest, {
      parameters: { url: secure.url, options: { allowUnauthorizedCerts: true } },
    });
    expect(result.json).toEqual([[{ tls: true }]]);
  });

  it('goes through a proxy, for http and for https (CONNECT)', async () => {
    const api = await apiServer(pool);
    const secure = await pool.track(startHttpsServer((_req, res) => res.end('via tunnel')));
    const proxy = await pool.track(startProxy());
    const plain = await testNode(httpRequest, {
      parameters: { url: `${api.url}/users`, options: { proxy: proxy.url } },
    });
    expect(plain.json).toEqual([[{ id: 1 }, { id: 2 }]]);
    const tunnelled = await testNode(httpRequest, {
      parameters: { url: `${secure.url}/x`, options: { proxy: proxy.url, allowUnauthorizedCerts: true } },
    });
    expect(tunnelled.json).toEqual([[{ data: 'via tunnel' }]]);
    expect(proxy.seen).toEqual([`GET ${api.url}/users`, `CONNECT 127.0.0.1:${secure.port}`]);
    const invalid = await testNodeError(httpRequest, {
      parameters: { url: api.url, options: { proxy: 'socks5://p:1' } },
    });
    expect(invalid.code).toBe('HTTP_PROXY_INVALID');
  });

  it('uses HTTP_PROXY from the environment when no proxy is set, never for loopback hosts', async () => {
    const api = await apiServer(pool);
    const proxy = await pool.track(startProxy({ upstream: new URL(api.url) }));
    const saved = { HTTP_PROXY: process.env.HTTP_PROXY, NO_PROXY: process.env.NO_PROXY };
    process.env.HTTP_PROXY = proxy.url;
    process.env.NO_PROXY = 'internal.example';
    // NO_PROXY matching itself is covered in env-proxy.test.ts (no DNS lookups here).
    try {
      const result = await testNode(httpRequest, { parameters: { url: 'http://api.example/users' } });
      expect(result.json).toEqual([[{ id: 1 }, { id: 2 }]]);
      expect(proxy.seen).toEqual(['GET http://api.example/users']);
      const local = await testNode(httpRequest, { parameters: { url: `${api.url}/users` } });
      expect(local.json[0]).toHaveLength(2);
      expect(proxy.seen).toHaveLength(1);
    } finally {
      for (const [key, value] of Object.entries(saved)) {
        if (value === undefined) delete process.env[key];
        else process.env[key] = value;
      }
    }
  });

  it('waits between batches of items', async () => {
    const starts: number[] = [];
    const api = await pool.track(
      startServer((_req, res) => {
        starts.push(starts.length);
        res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
      }),
    );
    const sleeps: number[] = [];
    const result = await testNode(httpRequest, {
      items: [{}, {}, {}, {}, {}],
      parameters: { url: api.url, options: { batching: { batch: { batchSize: 2, batchInterval: 250 } } } },
      clock: {
        now: () => Date.now(),
        sleep: async (ms) => {
          sleeps.push(ms);
        },
      },
    });
    expect(result.json[0]).toHaveLength(5);
    expect(sleeps).toEqual([250, 250]);
  });

  it('asks for compressed answers unless told not to', async () => {
    const api = await apiServer(pool);
    const normal = await testNode(httpRequest, { parameters: { url: `${api.url}/echo` } });
    expect(normal.json[0]?.[0]?.headers).toMatchObject({ 'accept-encoding': 'gzip, deflate, br' });
    const plain = await testNode(httpRequest, {
      parameters: { url: `${api.url}/echo`, options: { requestUncompressedResponse: true } },
    });
    expect(plain.json[0]?.[0]?.headers).toMatchObject({ 'accept-encoding': 'identity' });
  });
});

import { toPlainError } from '@guixu/core';
import { afterEach, describe, expect, it } from 'vitest';
import { proxyEnvironment } from './env-proxy.ts';
import { serverPool } from './test-support/harness.ts';
import { startProxy, startServer } from './test-support/servers.ts';
import { readBody, send } from './transport.ts';

const pool = serverPool();
afterEach(() => pool.closeAll());

describe('proxy from the environment', () => {
  it('reads the proxies by scheme, in either letter case, and keeps loopback out', () => {
    expect(proxyEnvironment({ HTTP_PROXY: 'http://proxy:3128', https_proxy: 'http://secure:3128' })).toEqual({
      httpProxy: 'http://proxy:3128',
      httpsProxy: 'http://secure:3128',
      noProxy: 'localhost,.localhost,127.0.0.1,[::1]',
    });
    expect(proxyEnvironment({ http_proxy: 'http://p:1', NO_PROXY: 'internal.example' })?.noProxy).toBe(
      'localhost,.localhost,127.0.0.1,[::1],internal.example',
    );
    expect(proxyEnvironment({ NO_PROXY: 'x' })).toBeUndefined();
    expect(proxyEnvironment({ HTTP_PROXY: '  ' })).toBeUndefined();
  });

  /**
   * A real proxy that sends every http:// request to a local API: a proxied
   * request to a `.invalid` host answers, a bypassed one fails to resolve.
   */
  async function route(url: string, env: Record<string, string>) {
    const api = await pool.track(startServer((req, res) => res.end(`api saw ${req.url}`)));
    const proxy = await pool.track(startProxy({ upstream: new URL(api.url) }));
    try {
      const response = await send({
        method: 'GET',
        url: url.replace('API_PORT', String(api.port)),
        headers: {},
        timeoutMs: 5000,
        followRedirects: true,
        maxRedirects: 5,
        rejectUnauthorized: true,
        decompress: true,
        proxyEnv: { HTTP_PROXY: proxy.url, ...env },
      });
      const body = (await readBody(response.body)).toString();
      return { via: proxy.seen.length > 0 ? 'proxy' : 'direct', body };
    } catch (error) {
      return { via: proxy.seen.length > 0 ? 'proxy' : 'direct', body: toPlainError(error).code };
    }
  }

  it('goes through HTTP_PROXY unless NO_PROXY names the host, a parent domain, its port or *', async () => {
    expect(await route('http://api.example.invalid/x', {})).toEqual({ via: 'proxy', body: 'api saw /x' });
    const bypassed = { via: 'direct', body: 'HTTP_HOST_NOT_FOUND' };
    expect(await route('http://api.example.invalid/', { NO_PROXY: 'example.invalid' })).toEqual(bypassed);
    expect(await route('http://api.example.invalid/', { no_proxy: '.example.invalid' })).toEqual(bypassed);
    expect(await route('http://api.example.invalid/', { NO_PROXY: '*' })).toEqual(bypassed);
    expect(await route('http://notexample.invalid/', { NO_PROXY: 'example.invalid' })).toMatchObject({
      via: 'proxy',
    });
    expect(
      await route('http://api.example.invalid:8080/', { NO_PROXY: 'api.example.invalid:9090' }),
    ).toMatchObject({
      via: 'proxy',
    });
    expect(await route('http://api.example.invalid:8080/', { NO_PROXY: 'api.example.invalid:8080' })).toEqual(
      bypassed,
    );
    expect(await route('http://10.255.255.1/', { NO_PROXY: 'internal.local, 10.255.255.1' })).toMatchObject({
      via: 'direct',
    });
  }, 30_000);

  it('never proxies loopback hosts', async () => {
    for (const url of ['http://127.0.0.1:API_PORT/l', 'http://localhost:API_PORT/l']) {
      expect(await route(url, {}), url).toEqual({ via: 'direct', body: 'api saw /l' });
    }
    // The API listens on 127.0.0.1 only: 127.0.0.2 is refused, and was asked directly.
    expect(await route('http://127.0.0.2:API_PORT/l', {})).toEqual({
      via: 'direct',
      body: 'HTTP_CONNECTION_REFUSED',
    });
  });
});

import { type AddressInfo, createServer as createNetServer, type Socket } from 'node:net';
import { gzipSync } from 'node:zlib';
import { toPlainError } from '@guixu/core';
import { afterEach, describe, expect, it } from 'vitest';
import {
  closedPort,
  type RunningServer,
  startEarlyAnswerServer,
  startHttpsServer,
  startProxy,
  startServer,
} from './test-support/servers.ts';
import { readBody, send, type TransportRequest } from './transport.ts';

const running: RunningServer[] = [];
async function track<T extends RunningServer>(server: Promise<T>): Promise<T> {
  const s = await server;
  running.push(s);
  return s;
}
afterEach(async () => {
  await Promise.all(running.splice(0).map((s) => s.close()));
});

function request(url: string, extra: Partial<TransportRequest> = {}): TransportRequest {
  return {
    method: 'GET',
    url,
    headers: {},
    timeoutMs: 5000,
    followRedirects: true,
    maxRedirects: 21,
    rejectUnauthorized: true,
    decompress: true,
    ...extra,
  };
}

async function text(req: TransportRequest): Promise<{ status: number; body: string; url: string }> {
  const response = await send(req);
  return { status: response.statusCode, body: (await readBody(response.body)).toString(), url: response.url };
}

async function failure(req: TransportRequest) {
  try {
    const response = await send(req);
    await readBody(response.body);
  } catch (error) {
    return toPlainError(error);
  }
  throw new Error('expected the request to fail');
}

describe('transport', () => {
  it('sends method, headers and a body and streams the answer', async () => {
    const server = await track(
      startServer((req, res, body) => {
        res.end(
          JSON.stringify({
            method: req.method,
            path: req.url,
            header: req.headers['x-a'],
            body: body.toString(),
          }),
        );
      }),
    );
    const result = await text(
      request(`${server.url}/echo?q=1`, {
        method: 'PUT',
        headers: { 'x-a': 'b' },
        body: { kind: 'bytes', data: Buffer.from('payload') },
      }),
    );
    expect(JSON.parse(result.body)).toEqual({
      method: 'PUT',
      path: '/echo?q=1',
      header: 'b',
      body: 'payload',
    });
  });

  it('uploads a streamed body chunk by chunk', async () => {
    const server = await track(
      startServer((req, res, body) => res.end(`${req.headers['transfer-encoding']}:${body.length}`)),
    );
    async function* chunks() {
      for (let i = 0; i < 10; i++) yield new Uint8Array(1000).fill(65);
    }
    const result = await text(
      request(server.url, { method: 'POST', body: { kind: 'stream', open: chunks } }),
    );
    expect(result.body).toBe('chunked:10000');
  });

  it('reports a failing upload source with its own error', async () => {
    const server = await track(startServer((_req, res) => res.end('never')));
    async function* broken(): AsyncIterable<Uint8Array> {
      yield new Uint8Array([1]);
      throw new Error('source vanished');
    }
    const error = await failure(
      request(server.url, { method: 'POST', body: { kind: 'stream', open: broken } }),
    );
    expect(error.message).toContain('source vanished');
  });

  it('keeps an answer that arrives before the upload ends', async () => {
    const server = await track(startEarlyAnswerServer(413, 'too large'));
    async function* big(): AsyncIterable<Uint8Array> {
      for (let i = 0; i < 200; i++) yield new Uint8Array(64 * 1024);
    }
    const response = await send(request(server.url, { method: 'POST', body: { kind: 'stream', open: big } }));
    expect(response.statusCode).toBe(413);
  });

  it('follows redirects, turning POST into GET on 302/303 and keeping it on 307', async () => {
    const server = await track(
      startServer((req, res, body) => {
        if (req.url === '/302') return void res.writeHead(302, { location: '/final' }).end();
        if (req.url === '/307') return void res.writeHead(307, { location: '/final' }).end();
        res.end(`${req.method} ${req.url} ${body.toString()}`);
      }),
    );
    const post = { method: 'POST', body: { kind: 'bytes' as const, data: Buffer.from('data') } };
    expect((await text(request(`${server.url}/302`, post))).body).toBe('GET /final ');
    const kept = await text(request(`${server.url}/307`, post));
    expect(kept.body).toBe('POST /final data');
    expect(kept.url).toBe(`${server.url}/final`);
  });

  it('returns the redirect itself when following is off', async () => {
    const server = await track(startServer((_req, res) => res.writeHead(301, { location: '/x' }).end()));
    const response = await send(request(server.url, { followRedirects: false }));
    expect(response.statusCode).toBe(301);
    expect(response.headers.location).toBe('/x');
  });

  it('stops after maxRedirects', async () => {
    let hits = 0;
    const server = await track(
      startServer((_req, res) => {
        hits++;
        res.writeHead(302, { location: '/again' }).end();
      }),
    );
    const error = await failure(request(server.url, { maxRedirects: 3 }));
    expect(error.code).toBe('HTTP_TOO_MANY_REDIRECTS');
    expect(error.message).toContain('Stopped after 3 redirects');
    expect(hits).toBe(4);
  });

  it('drops credentials on a redirect to another origin unless asked to keep them', async () => {
    const other = await track(startServer((req, res) => res.end(String(req.headers.authorization))));
    const first = await track(startServer((_req, res) => res.writeHead(302, { location: other.url }).end()));
    const headers = { authorization: 'Bearer secret' };
    expect((await text(request(first.url, { headers }))).body).toBe('undefined');
    const kept = await text(request(first.url, { headers, sendCredentialsOnCrossOriginRedirect: true }));
    expect(kept.body).toBe('Bearer secret');
  });

  it('decompresses gzip bodies', async () => {
    const server = await track(
      startServer((_req, res) =>
        res.writeHead(200, { 'content-encoding': 'gzip' }).end(gzipSync('zipped text')),
      ),
    );
    const response = await send(request(server.url));
    expect(response.headers['content-encoding']).toBeUndefined();
    expect((await readBody(response.body)).toString()).toBe('zipped text');
  });

  it('accepts empty compressed answers (HEAD, 204)', async () => {
    const server = await track(
      startServer((req, res) =>
        res.writeHead(req.method === 'HEAD' ? 200 : 204, { 'content-encoding': 'gzip' }).end(),
      ),
    );
    for (const method of ['HEAD', 'GET']) {
      const response = await send(request(server.url, { method }));
      expect((await readBody(response.body)).length).toBe(0);
    }
  });

  it('says clearly when nothing listens', async () => {
    const port = await closedPort();
    const error = await failure(request(`http://127.0.0.1:${port}/x`));
    expect(error.code).toBe('HTTP_CONNECTION_REFUSED');
    expect(error.message).toBe(`Could not connect to http://127.0.0.1:${port}: connection refused`);
  });

  it('times out waiting for headers and while the body stalls', async () => {
    const server = await track(
      startServer((req, res) => {
        if (req.url === '/stall') {
          res.writeHead(200);
          res.write('partial');
          return;
        }
      }),
    );
    const slow = await failure(request(`${server.url}/never`, { timeoutMs: 150 }));
    expect(slow.code).toBe('HTTP_TIMEOUT');
    expect(slow.message).toBe(`No response from ${server.url} within 150 ms`);
    const stalled = await failure(request(`${server.url}/stall`, { timeoutMs: 150 }));
    expect(stalled.code).toBe('HTTP_TIMEOUT');
  });

  it('stops when the signal aborts', async () => {
    const server = await track(startServer(() => {}));
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 50);
    const error = await failure(request(server.url, { signal: controller.signal }));
    expect(error.code).toBe('HTTP_CANCELLED');
  });

  it('rejects a self-signed certificate unless told to ignore it', async () => {
    const server = await track(startHttpsServer((_req, res) => res.end('secure')));
    const error = await failure(request(server.url));
    expect(error.code).toBe('HTTP_TLS_ERROR');
    expect((await text(request(server.url, { rejectUnauthorized: false }))).body).toBe('secure');
  });

  it('goes through an HTTP proxy for http:// with proxy credentials', async () => {
    const server = await track(startServer((req, res) => res.end(`origin saw ${req.url}`)));
    const proxy = await track(
      startProxy({ requireAuth: `Basic ${Buffer.from('u:p w').toString('base64')}` }),
    );
    const proxyUrl = proxy.url.replace('http://', 'http://u:p%20w@');
    const result = await text(request(`${server.url}/a?b=1`, { proxy: proxyUrl }));
    expect(result.body).toBe('origin saw /a?b=1');
    expect(proxy.seen).toEqual([`GET ${server.url}/a?b=1`]);
  });

  it('tunnels https:// through the proxy with CONNECT', async () => {
    const server = await track(startHttpsServer((req, res) => res.end(`tls ${req.url}`)));
    const proxy = await track(startProxy());
    const result = await text(request(`${server.url}/t`, { proxy: proxy.url, rejectUnauthorized: false }));
    expect(result.body).toBe('tls /t');
    expect(proxy.seen).toEqual([`CONNECT 127.0.0.1:${server.port}`]);
  });

  it('reports a proxy that refuses the tunnel', async () => {
    const server = await track(startHttpsServer((_req, res) => res.end('x')));
    const proxy = await track(startProxy({ requireAuth: 'Basic nope' }));
    const error = await failure(request(server.url, { proxy: proxy.url, rejectUnauthorized: false }));
    expect(error.code).toBe('HTTP_PROXY_ERROR');
    expect(error.message).toContain('407');
  });

  it('names a proxy that does not answer, for http:// and https://', async () => {
    const port = await closedPort();
    for (const url of ['http://api.example.invalid/x', 'https://api.example.invalid/x']) {
      const error = await failure(request(url, { proxy: `http://127.0.0.1:${port}` }));
      expect(error.code, url).toBe('HTTP_CONNECTION_REFUSED');
      expect(error.message, url).toBe(
        `Could not connect to proxy http://127.0.0.1:${port}: connection refused`,
      );
    }
  });

  it('asks the HTTPS_PROXY of the environment for a tunnel to an https:// host', async () => {
    const proxy = await track(startProxy({ requireAuth: 'Basic nope' }));
    const error = await failure(
      request('https://secure.example.invalid/e', { proxyEnv: { https_proxy: proxy.url } }),
    );
    expect(proxy.seen).toEqual(['CONNECT secure.example.invalid:443']);
    expect(error.code).toBe('HTTP_PROXY_ERROR');
    expect(error.message).toBe(
      `Proxy 127.0.0.1:${proxy.port} refused to open a tunnel to secure.example.invalid:443: 407 Proxy Authentication Required`,
    );
  });

  it('gives up on a proxy that closes the CONNECT without answering', async () => {
    // undici 7 would re-send the CONNECT at once and forever (nodejs/undici#3897).
    const proxy = await track(startProxy({ closeTunnels: true }));
    const error = await failure(request('https://secure.example.invalid/', { proxy: proxy.url }));
    expect(error.code).toBe('HTTP_PROXY_ERROR');
    expect(error.message).toBe(
      `Proxy 127.0.0.1:${proxy.port} closed the connection without opening a tunnel to secure.example.invalid`,
    );
    expect(proxy.seen.length).toBeLessThanOrEqual(33);
  });

  it('times out on a proxy that never answers the CONNECT (an abort does not reach undici before it connects)', async () => {
    // Reads the CONNECT and says nothing (a node:http server would close it).
    const sockets = new Set<Socket>();
    const silent = createNetServer((socket) => sockets.add(socket.on('error', () => {})));
    await new Promise<void>((done) => silent.listen(0, '127.0.0.1', done));
    const port = (silent.address() as AddressInfo).port;
    try {
      const error = await failure(
        request('https://secure.example.invalid/', { proxy: `http://127.0.0.1:${port}`, timeoutMs: 200 }),
      );
      expect(error.code).toBe('HTTP_TIMEOUT');
      expect(error.message).toBe(
        `No response from https://secure.example.invalid through proxy http://127.0.0.1:${port} within 200 ms`,
      );
    } finally {
      for (const socket of sockets) socket.destroy();
      await new Promise((done) => silent.close(done));
    }
  });

  it('rejects URLs that are not http(s)', async () => {
    const error = await failure(request('ftp://example.com/file'));
    expect(error.code).toBe('HTTP_URL_INVALID');
  });
});

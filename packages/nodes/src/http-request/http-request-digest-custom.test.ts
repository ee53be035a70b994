import { createHash } from 'node:crypto';
import { testNode, testNodeError } from '@guixu/core';
import { afterEach, describe, expect, it } from 'vitest';
import httpRequest from './http-request.node.ts';
import { queryOf, serverPool } from './test-support/harness.ts';
import { startServer } from './test-support/servers.ts';

const pool = serverPool();
afterEach(() => pool.closeAll());

const md5 = (text: string) => createHash('md5').update(text).digest('hex');

/** A server that checks RFC 7616 Digest (MD5, qop=auth) for user "ada" / "pw". */
async function digestServer() {
  const realm = 'guixu';
  const nonce = 'n-1';
  const seen: string[] = [];
  const server = await pool.track(
    startServer((req, res) => {
      const header = req.headers.authorization ?? '';
      seen.push(header.split(' ')[0] || 'none');
      const fields = Object.fromEntries(
        [...header.matchAll(/(\w+)=(?:"([^"]*)"|([^,\s]+))/g)].map((m) => [m[1], m[2] ?? m[3] ?? '']),
      );
      const ha1 = md5(`ada:${realm}:pw`);
      const ha2 = md5(`${req.method}:${fields.uri}`);
      const expected = md5(`${ha1}:${nonce}:${fields.nc}:${fields.cnonce}:auth:${ha2}`);
      if (!header.startsWith('Digest ') || fields.response !== expected || fields.uri !== req.url) {
        res.writeHead(401, {
          'www-authenticate': `Digest realm="${realm}", qop="auth", nonce="${nonce}", algorithm=MD5`,
        });
        return res.end('unauthorized');
      }
      res
        .writeHead(200, { 'content-type': 'application/json' })
        .end(JSON.stringify({ ok: true, nc: fields.nc }));
    }),
  );
  return { url: server.url, seen };
}

describe('HTTP Request: Digest and Custom auth', () => {
  it('answers the Digest challenge and reuses it with a rising nonce count', async () => {
    const { url, seen } = await digestServer();
    const result = await testNode(httpRequest, {
      items: [{ q: 1 }, { q: 2 }],
      parameters: {
        url: `=${url}/data?q={{ $json.q }}`,
        authentication: 'genericCredentialType',
        genericAuthType: 'httpDigestAuth',
        options: { batching: { batch: { batchSize: 1, batchInterval: 0 } } },
      },
      credentials: { httpDigestAuth: { user: 'ada', password: 'pw' } },
    });
    expect(result.json).toEqual([
      [
        { ok: true, nc: '00000001' },
        { ok: true, nc: '00000002' },
      ],
    ]);
    expect(seen).toEqual(['none', 'Digest', 'Digest']);
  });

  it('fails with 401 when the password is wrong, after one try', async () => {
    const { url, seen } = await digestServer();
    const error = await testNodeError(httpRequest, {
      parameters: { url, authentication: 'genericCredentialType', genericAuthType: 'httpDigestAuth' },
      credentials: { httpDigestAuth: { user: 'ada', password: 'wrong' } },
    });
    expect(error.code).toBe('HTTP_STATUS_401');
    expect(seen).toEqual(['none', 'Digest']);
  });

  it('adds Custom Auth headers, query parameters and body fields', async () => {
    const server = await pool.track(
      startServer((req, res, body) =>
        res.writeHead(200, { 'content-type': 'application/json' }).end(
          JSON.stringify({
            token: req.headers['x-auth-token'],
            query: queryOf(req.url ?? '/'),
            body: JSON.parse(body.toString() || '{}'),
          }),
        ),
      ),
    );
    const json = JSON.stringify({
      headers: { 'X-Auth-Token': 'tok-123' },
      qs: { tenant: 't1' },
      body: { apiKey: 'k-456' },
    });
    const result = await testNode(httpRequest, {
      parameters: {
        method: 'POST',
        url: server.url,
        authentication: 'genericCredentialType',
        genericAuthType: 'httpCustomAuth',
        sendBody: true,
        bodyParameters: { parameters: [{ name: 'a', value: '1' }] },
      },
      credentials: { httpCustomAuth: { json } },
    });
    expect(result.json).toEqual([
      [{ token: 'tok-123', query: { tenant: ['t1'] }, body: { a: '1', apiKey: 'k-456' } }],
    ]);
    const invalid = await testNodeError(httpRequest, {
      parameters: {
        url: server.url,
        authentication: 'genericCredentialType',
        genericAuthType: 'httpCustomAuth',
      },
      credentials: { httpCustomAuth: { json: '{nope' } },
    });
    expect(invalid.message).toBe('Invalid Custom Auth JSON');
  });
});

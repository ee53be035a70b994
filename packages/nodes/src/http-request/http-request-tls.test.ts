import type { Socket } from 'node:net';
import { TLSSocket } from 'node:tls';
import { testNode, testNodeError } from '@guixu/core';
import { afterEach, describe, expect, it } from 'vitest';
import { formatPem } from './client-tls.ts';
import httpRequest from './http-request.node.ts';
import { serverPool } from './test-support/harness.ts';
import { selfSignedCertificate } from './test-support/self-signed.ts';
import { startHttpsServer, startProxy } from './test-support/servers.ts';

const pool = serverPool();
afterEach(() => pool.closeAll());

function peerName(socket: Socket): string {
  if (!(socket instanceof TLSSocket)) return 'none';
  const peer = socket.getPeerCertificate();
  return typeof peer.subject?.CN === 'string' ? peer.subject.CN : 'none';
}

describe('HTTP Request: SSL certificates credential', () => {
  it('trusts a private CA without ignoring TLS errors', async () => {
    const server = await pool.track(startHttpsServer((_req, res) => res.end('trusted')));
    const result = await testNode(httpRequest, {
      parameters: { url: server.url, provideSslCertificates: true },
      credentials: { httpSslAuth: { ca: server.cert } },
    });
    expect(result.json).toEqual([[{ data: 'trusted' }]]);
  });

  it('presents a client certificate for mutual TLS, also through a proxy tunnel', async () => {
    const client = selfSignedCertificate('guixu-client');
    const server = await pool.track(
      startHttpsServer((req, res) => res.end(`hello ${peerName(req.socket)}`), { clientCa: client.cert }),
    );
    const credentials = { httpSslAuth: { ca: server.cert, cert: client.cert, key: client.key } };
    const direct = await testNode(httpRequest, {
      parameters: { url: server.url, provideSslCertificates: true },
      credentials,
    });
    expect(direct.json).toEqual([[{ data: 'hello guixu-client' }]]);
    const proxy = await pool.track(startProxy());
    const tunnelled = await testNode(httpRequest, {
      parameters: { url: server.url, provideSslCertificates: true, options: { proxy: proxy.url } },
      credentials,
    });
    expect(tunnelled.json).toEqual([[{ data: 'hello guixu-client' }]]);
    const refused = await testNodeError(httpRequest, {
      parameters: { url: server.url, provideSslCertificates: true },
      credentials: { httpSslAuth: { ca: server.cert } },
    });
    expect(refused.code).toMatch(/^HTTP_/);
    expect(refused.code).not.toMatch(/^HTTP_STATUS/);
  });

  it('asks for the credential when the option is on', async () => {
    const server = await pool.track(startHttpsServer((_req, res) => res.end('x')));
    const error = await testNodeError(httpRequest, {
      parameters: { url: server.url, provideSslCertificates: true },
    });
    expect(error.code).toBe('CREDENTIAL_MISSING');
  });

  it('repairs PEM blocks pasted on one line', () => {
    const { cert } = selfSignedCertificate();
    const flattened = cert.replace(/\n/g, ' ');
    expect(formatPem(flattened)).toBe(cert.trim());
    expect(formatPem(cert)).toBe(cert.trim());
  });
});

import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../testing/test-app.ts';
import { BACKENDS } from '../../testing/test-database.ts';

const script = `console.log(${JSON.stringify('x'.repeat(4000))});`;

describe.each(BACKENDS)('the web app at / on %s', (kind) => {
  let t: TestApp;
  let root: string;
  const previous = process.env.GUIXU_WEB_DIR;
  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'guixu-web-'));
    mkdirSync(join(root, 'assets'));
    writeFileSync(join(root, 'index.html'), '<!doctype html><div id="app"></div>');
    writeFileSync(join(root, 'assets', 'index-abc123.js'), script);
    writeFileSync(join(root, 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
    writeFileSync(join(tmpdir(), 'guixu-web-secret.txt'), 'TOP-SECRET-CONTENT');
    process.env.GUIXU_WEB_DIR = root;
    t = await createTestApp(kind, { auth: 'none' });
  });
  afterAll(async () => {
    if (previous === undefined) delete process.env.GUIXU_WEB_DIR;
    else process.env.GUIXU_WEB_DIR = previous;
    await t.dispose();
    rmSync(root, { recursive: true, force: true });
  });

  it('answers / and app paths with index.html under a CSP that allows only its own scripts', async () => {
    for (const url of ['/', '/workflows', '/workflows/abc/edit?x=1', '/index.html']) {
      const response = await t.raw.inject({ method: 'GET', url });
      expect(response.statusCode, url).toBe(200);
      expect(response.headers['content-type']).toContain('text/html');
      expect(response.body).toContain('<div id="app">');
      expect(response.headers['cache-control']).toBe('no-cache');
      const csp = String(response.headers['content-security-policy']);
      expect(csp).toContain("script-src 'self'");
      expect(csp).not.toMatch(/script-src[^;]*unsafe/);
      expect(csp).toContain("frame-ancestors 'none'");
    }
  });

  it('serves hashed assets for a year, gzipped when asked', async () => {
    const plain = await t.raw.inject({ method: 'GET', url: '/assets/index-abc123.js' });
    expect(plain.statusCode).toBe(200);
    expect(plain.headers['content-type']).toContain('javascript');
    expect(plain.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(plain.body).toBe(script);
    const zipped = await t.raw.inject({
      method: 'GET',
      url: '/assets/index-abc123.js',
      headers: { 'accept-encoding': 'gzip, br' },
    });
    expect(zipped.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(zipped.rawPayload).toString('utf8')).toBe(script);
    const other = await t.raw.inject({ method: 'GET', url: '/favicon.svg' });
    expect(other.headers['cache-control']).toBe('public, max-age=300');
  });

  it('answers 404 for missing assets and never leaves the build folder', async () => {
    expect((await t.raw.inject({ method: 'GET', url: '/assets/gone-123.js' })).statusCode).toBe(404);
    for (const url of [
      '/../guixu-web-secret.txt',
      '/%2e%2e/guixu-web-secret.txt',
      '/assets/%2e%2e/%2e%2e/guixu-web-secret.txt',
    ]) {
      const response = await t.raw.inject({ method: 'GET', url });
      expect(response.body, url).not.toContain('TOP-SECRET-CONTENT');
    }
  });

  it('leaves the API, webhooks and probes to the server', async () => {
    const api = await t.raw.inject({ method: 'GET', url: '/api/v1/nowhere' });
    expect(api.statusCode).toBe(404);
    expect(api.json()).toMatchObject({ code: 'ROUTE_NOT_FOUND' });
    expect((await t.raw.inject({ method: 'GET', url: '/webhook/none' })).statusCode).toBe(404);
    expect((await t.raw.inject({ method: 'GET', url: '/healthz' })).json()).toEqual({ status: 'ok' });
    expect((await t.raw.inject({ method: 'GET', url: '/api/v1/setup' })).json()).toMatchObject({
      ownerExists: false,
    });
  });
});

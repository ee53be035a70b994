import { Validator } from '@seriousme/openapi-schema-validator';
import { ACCESS_COOKIE_NAME, API_KEY_HEADER, CSRF_HEADER_NAME } from '@guixu/api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ACCESS_COOKIE, CSRF_HEADER } from '../../security/cookies.ts';
import { createTestApp, type TestApp } from '../../testing/test-app.ts';

const operation = z.object({ operationId: z.string(), security: z.array(z.unknown()).optional() });
const documentSchema = z.object({
  openapi: z.string(),
  servers: z.array(z.object({ url: z.string() })),
  security: z.array(z.record(z.string(), z.array(z.string()))),
  paths: z.record(z.string(), z.record(z.string(), operation)),
  components: z.object({ securitySchemes: z.record(z.string(), z.looseObject({ type: z.string() })) }),
});

describe('the OpenAPI document', () => {
  let t: TestApp;
  let document: unknown;
  beforeAll(async () => {
    t = await createTestApp('sqlite', { env: { GUIXU_PUBLIC_URL: 'https://flows.example.com/' } });
    document = (await t.raw.inject({ method: 'GET', url: '/api/v1/openapi.json' })).json();
  });
  afterAll(async () => t.dispose());

  it('is valid OpenAPI 3.1', async () => {
    const result = await new Validator().validate(
      z.record(z.string(), z.unknown()).parse(structuredClone(document)),
    );
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
    expect(documentSchema.parse(document).openapi).toBe('3.1.0');
  });

  it('declares its server and security schemes: bearer access token, API key, cookie session', () => {
    const doc = documentSchema.parse(document);
    expect(doc.servers).toEqual([{ url: 'https://flows.example.com' }]);
    expect(doc.components.securitySchemes).toMatchObject({
      bearerAuth: { type: 'http', scheme: 'bearer' },
      apiKey: { type: 'apiKey', in: 'header', name: API_KEY_HEADER },
      cookieSession: { type: 'apiKey', in: 'cookie', name: ACCESS_COOKIE_NAME },
    });
    expect(doc.security).toEqual([{ bearerAuth: [] }, { apiKey: [] }, { cookieSession: [] }]);
    // The names the document gives are the ones the server reads.
    expect(ACCESS_COOKIE_NAME).toBe(ACCESS_COOKIE);
    expect(CSRF_HEADER_NAME.toLowerCase()).toBe(CSRF_HEADER);
  });

  it('marks the public operations as needing no credentials, and only those', async () => {
    const doc = documentSchema.parse(document);
    const open = Object.values(doc.paths)
      .flatMap((methods) => Object.values(methods))
      .filter((op) => op.security !== undefined && op.security.length === 0)
      .map((op) => op.operationId);
    expect(open).toEqual(expect.arrayContaining(['health', 'login']));
    // Every operation the document calls public answers without credentials (not 401).
    for (const [path, methods] of Object.entries(doc.paths)) {
      const get = methods.get;
      if (get === undefined || get.security?.length !== 0 || path.includes('{')) continue;
      const res = await t.raw.inject({ method: 'GET', url: path });
      expect(res.statusCode, `${get.operationId} is public`).not.toBe(401);
    }
    const guarded = await t.raw.inject({ method: 'GET', url: '/api/v1/workflows' });
    expect(guarded.statusCode).toBe(401);
    expect(open).not.toContain(doc.paths['/api/v1/workflows']?.get?.operationId);
  });
});

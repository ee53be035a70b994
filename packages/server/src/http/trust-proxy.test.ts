import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { webhookWorkflow } from '../testing/sample-workflows.ts';
import { createTestApp, type TestApp } from '../testing/test-app.ts';

const PROXY = '10.0.0.5';
const login = { email: 'nobody@example.com', password: 'Wrong-pass-1' };
const auditPage = z.object({ data: z.array(z.object({ action: z.string(), ip: z.string().nullable() })) });

/** A webhook workflow that only 203.0.113.7 may call. */
function allowListedHook(path: string) {
  const workflow = webhookWorkflow('Allow-listed hook', path);
  const [hook, ...rest] = workflow.nodes;
  return {
    ...workflow,
    nodes: [
      { ...hook, parameters: { ...hook.parameters, options: { ipWhitelist: '203.0.113.7' } } },
      ...rest,
    ],
  };
}

async function setUp(env: Record<string, string>, path: string): Promise<TestApp> {
  const t = await createTestApp('sqlite', { env: { GUIXU_LOGIN_RATE_LIMIT: '2', ...env } });
  const created = await t.app.inject({
    method: 'POST',
    url: '/api/v1/workflows',
    payload: allowListedHook(path),
  });
  const id = z.object({ id: z.string() }).parse(created.json()).id;
  const activated = await t.app.inject({ method: 'POST', url: `/api/v1/workflows/${id}/activate` });
  expect(activated.statusCode).toBe(200);
  return t;
}

/** A request as the proxy forwards it: from the proxy's socket, naming the client in X-Forwarded-For. */
const viaProxy = (client: string, remoteAddress = PROXY) => ({
  remoteAddress,
  headers: { 'x-forwarded-for': client },
});

async function loginStatuses(t: TestApp, clients: string[], remoteAddress = PROXY): Promise<number[]> {
  const statuses: number[] = [];
  for (const client of clients) {
    const res = await t.raw.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: login,
      ...viaProxy(client, remoteAddress),
    });
    statuses.push(res.statusCode);
  }
  return statuses;
}

async function hook(t: TestApp, path: string, client: string, remoteAddress = PROXY): Promise<number> {
  const res = await t.raw.inject({
    method: 'POST',
    url: `/webhook/${path}`,
    payload: { name: 'x' },
    ...viaProxy(client, remoteAddress),
  });
  return res.statusCode;
}

describe('GUIXU_TRUST_PROXY unset: the socket address is the client, X-Forwarded-For is ignored', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await setUp({}, 'no-proxy');
  });
  afterAll(async () => t.dispose());

  it('rate limits, the webhook allow-list and the audit log all see the socket address', async () => {
    // Two "clients" behind one address share its budget: a forged header buys nothing.
    expect(await loginStatuses(t, ['198.51.100.1', '198.51.100.2', '198.51.100.3'])).toEqual([401, 401, 429]);
    expect(await hook(t, 'no-proxy', '203.0.113.7')).toBe(403);
    const audit = auditPage.parse((await t.app.inject({ method: 'GET', url: '/api/v1/audit' })).json());
    expect(audit.data.filter((e) => e.action === 'user.login_failed').map((e) => e.ip)).toContain(PROXY);
  });
});

describe.each([
  ['a CIDR list', '10.0.0.0/8, 127.0.0.1'],
  ['true', 'true'],
  ['a hop count', '1'],
])('GUIXU_TRUST_PROXY as %s: the forwarded client address counts', (_label, value) => {
  let t: TestApp;
  const path = `proxy-${value.length}`;
  beforeAll(async () => {
    t = await setUp({ GUIXU_TRUST_PROXY: value }, path);
  });
  afterAll(async () => t.dispose());

  it('gives every client behind the proxy its own rate limit', async () => {
    expect(await loginStatuses(t, ['198.51.100.1', '198.51.100.1', '198.51.100.1'])).toEqual([401, 401, 429]);
    expect(await loginStatuses(t, ['198.51.100.2'])).toEqual([401]);
  });

  it('applies the webhook allow-list to the client, not the proxy', async () => {
    expect(await hook(t, path, '203.0.113.7')).toBe(200);
    expect(await hook(t, path, '198.51.100.9')).toBe(403);
  });

  it('records the client address in the audit log', async () => {
    const audit = auditPage.parse((await t.app.inject({ method: 'GET', url: '/api/v1/audit' })).json());
    const ips = audit.data.filter((e) => e.action === 'user.login_failed').map((e) => e.ip);
    expect(ips).toContain('198.51.100.2');
    expect(ips).not.toContain(PROXY);
  });
});

describe('GUIXU_TRUST_PROXY as a list: a request from an untrusted address cannot forge its client', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await setUp({ GUIXU_TRUST_PROXY: '10.0.0.0/8' }, 'forged');
  });
  afterAll(async () => t.dispose());

  it('ignores X-Forwarded-For from outside the trusted ranges', async () => {
    expect(await hook(t, 'forged', '203.0.113.7', '192.0.2.50')).toBe(403);
    expect(await loginStatuses(t, ['198.51.100.1', '198.51.100.2', '198.51.100.3'], '192.0.2.50')).toEqual([
      401, 401, 429,
    ]);
  });
});

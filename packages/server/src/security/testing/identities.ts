import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { z } from 'zod';

/** How a test user calls the API: a Bearer access token (scripts) or cookies + CSRF (browser). */
export interface Identity {
  userId: string;
  email: string;
  headers: Record<string, string>;
}

const sessionBody = z.object({
  user: z.object({ id: z.string(), email: z.string() }),
  accessToken: z.string().optional(),
  refreshToken: z.string().optional(),
  csrfToken: z.string().optional(),
});

export const TEST_PASSWORD = 'correct-Horse-9-battery';

export function json(response: LightMyRequestResponse): unknown {
  return response.body === '' ? undefined : JSON.parse(response.body);
}

function bearer(response: LightMyRequestResponse): Identity {
  if (response.statusCode >= 300) throw new Error(`sign-in failed: ${response.statusCode} ${response.body}`);
  const body = sessionBody.parse(json(response));
  return {
    userId: body.user.id,
    email: body.user.email,
    headers: { authorization: `Bearer ${body.accessToken}` },
  };
}

/** The owner a test app signed in as when it was built (see testing/test-app.ts), by app. */
const preparedOwners = new WeakMap<FastifyInstance, Identity>();

export function rememberOwner(app: FastifyInstance, owner: Identity): void {
  preparedOwners.set(app, owner);
}

/**
 * Creates the instance owner and signs in; on a test app that already has its
 * owner (the default of `createTestApp`), signs in as that owner instead.
 */
export async function setupOwner(
  app: FastifyInstance,
  email = 'owner@example.com',
  options: { remoteAddress?: string } = {},
): Promise<Identity> {
  const prepared = preparedOwners.get(app);
  if (prepared !== undefined) return prepared;
  return bearer(
    await app.inject({
      method: 'POST',
      url: '/api/v1/setup/owner',
      payload: { email, password: TEST_PASSWORD, tokens: 'body' },
      ...(options.remoteAddress ? { remoteAddress: options.remoteAddress } : {}),
    }),
  );
}

export async function login(
  app: FastifyInstance,
  email: string,
  password = TEST_PASSWORD,
): Promise<Identity> {
  return bearer(
    await app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email, password, tokens: 'body' },
    }),
  );
}

/** Creates a user through the API (as `admin`) and signs them in. */
export async function createUser(
  app: FastifyInstance,
  admin: Identity,
  email: string,
  role: 'admin' | 'member' = 'member',
): Promise<Identity> {
  const created = await app.inject({
    method: 'POST',
    url: '/api/v1/users',
    headers: admin.headers,
    payload: { email, role, password: TEST_PASSWORD },
  });
  if (created.statusCode !== 201)
    throw new Error(`create user failed: ${created.statusCode} ${created.body}`);
  return login(app, email);
}

export async function createProject(app: FastifyInstance, admin: Identity, name: string): Promise<string> {
  const res = await app.inject({
    method: 'POST',
    url: '/api/v1/projects',
    headers: admin.headers,
    payload: { name },
  });
  if (res.statusCode !== 201) throw new Error(`create project failed: ${res.statusCode} ${res.body}`);
  return z.object({ id: z.string() }).parse(json(res)).id;
}

export async function addMember(
  app: FastifyInstance,
  admin: Identity,
  projectId: string,
  userId: string,
  role: string,
) {
  const res = await app.inject({
    method: 'PUT',
    url: `/api/v1/projects/${projectId}/members/${userId}`,
    headers: admin.headers,
    payload: { role },
  });
  if (res.statusCode !== 200) throw new Error(`add member failed: ${res.statusCode} ${res.body}`);
}

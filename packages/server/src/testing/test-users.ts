import { z } from 'zod';
import type { ProjectRole, Scope } from '../security/policy.ts';
import { addMember, createProject, createUser, type Identity, json } from '../security/testing/identities.ts';
import type { TestApp } from './test-app.ts';

let counter = 0;

function ownerOf(t: TestApp): Identity {
  if (t.owner === null) throw new Error('This test app has no owner (auth: "none"); set one up first');
  return t.owner;
}

export interface TestUserOptions {
  /** Instance role (default `member`). */
  role?: 'admin' | 'member';
  /** Gives the user this role in `projectId` (a new team project when absent). */
  projectRole?: ProjectRole;
  projectId?: string;
  email?: string;
}

/** A new signed-in user, optionally with a role in a project: `headers` act as them. */
export async function testUser(
  t: TestApp,
  options: TestUserOptions = {},
): Promise<Identity & { projectId?: string }> {
  const owner = ownerOf(t);
  const user = await createUser(
    t.raw,
    owner,
    options.email ?? `user-${++counter}-${Date.now()}@example.com`,
    options.role ?? 'member',
  );
  if (options.projectRole === undefined) return user;
  const projectId = options.projectId ?? (await createProject(t.raw, owner, `Team ${++counter}`));
  await addMember(t.raw, owner, projectId, user.userId, options.projectRole);
  return { ...user, projectId };
}

/** An API key of `who` with the given scopes, as request headers. */
export async function testApiKey(t: TestApp, who: Identity, scopes: readonly Scope[]): Promise<Identity> {
  const res = await t.raw.inject({
    method: 'POST',
    url: '/api/v1/api-keys',
    headers: who.headers,
    payload: { name: `test key ${++counter}`, scopes },
  });
  if (res.statusCode !== 201) throw new Error(`create API key failed: ${res.statusCode} ${res.body}`);
  const key = z.object({ key: z.string() }).parse(json(res)).key;
  return { userId: who.userId, email: who.email, headers: { authorization: `Bearer ${key}` } };
}

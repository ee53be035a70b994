import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { addMember, createProject, createUser, type Identity, json, setupOwner } from './identities.ts';

/** Who calls: instance roles, each project role in project A, a member of project B only, no one, an API key. */
export const PERSONAS = [
  'owner',
  'admin',
  'aAdmin',
  'aEditor',
  'aViewer',
  'bEditor',
  'anonymous',
  'aEditorReadKey',
] as const;
export type Persona = (typeof PERSONAS)[number];

/** allow: any 2xx/3xx; 401/403/404: that status and its error code family. */
export type Outcome = 'allow' | 401 | 403 | 404;

export interface World {
  app: FastifyInstance;
  who: Record<Persona, Identity | null>;
  projectA: string;
  projectB: string;
  /** Ids of resources living in project A, made by `seed`. */
  ids: Record<string, string>;
}

export interface MatrixCase {
  /** `METHOD /path` as in the contract, for the report. */
  route: string;
  url(world: World, ids: Record<string, string>): string;
  payload?(world: World, ids: Record<string, string>): unknown;
  /**
   * For routes that change or delete their target: makes a fresh target (as
   * the owner) before each persona's call, so cells do not depend on order.
   */
  fresh?(world: World): Promise<Record<string, string>>;
  /** Makes the call itself (e.g. a WebSocket upgrade) instead of `inject`. */
  send?(world: World, who: Identity | null, ids: Record<string, string>): Promise<Answer>;
  expect: Record<Persona, Outcome>;
}

/** What a cell saw: the HTTP status and the error code of the answer, if any. */
export interface Answer {
  status: number;
  code?: unknown;
}

/** Same outcome for every persona except the ones listed. */
export function cells(
  base: Outcome,
  overrides: Partial<Record<Persona, Outcome>> = {},
): Record<Persona, Outcome> {
  const o = (p: Persona) => overrides[p] ?? base;
  return {
    owner: o('owner'),
    admin: o('admin'),
    aAdmin: o('aAdmin'),
    aEditor: o('aEditor'),
    aViewer: o('aViewer'),
    bEditor: o('bEditor'),
    anonymous: o('anonymous'),
    aEditorReadKey: o('aEditorReadKey'),
  };
}

const idSchema = z.object({ id: z.string() });

/** Creates an id-bearing resource as `who` and returns its id (throws with the answer otherwise). */
export async function createAs(
  app: FastifyInstance,
  who: Identity,
  url: string,
  payload: Record<string, unknown>,
): Promise<string> {
  const res = await app.inject({ method: 'POST', url, headers: who.headers, payload });
  if (res.statusCode >= 300) throw new Error(`seed POST ${url} failed: ${res.statusCode} ${res.body}`);
  return idSchema.parse(json(res)).id;
}

/** The people and projects every matrix runs against. */
export async function buildWorld(
  app: FastifyInstance,
  seed?: (world: World) => Promise<Record<string, string>>,
): Promise<World> {
  const owner = await setupOwner(app);
  const admin = await createUser(app, owner, 'admin@example.com', 'admin');
  const aAdmin = await createUser(app, owner, 'a-admin@example.com');
  const aEditor = await createUser(app, owner, 'a-editor@example.com');
  const aViewer = await createUser(app, owner, 'a-viewer@example.com');
  const bEditor = await createUser(app, owner, 'b-editor@example.com');
  const projectA = await createProject(app, owner, 'Project A');
  const projectB = await createProject(app, owner, 'Project B');
  await addMember(app, owner, projectA, aAdmin.userId, 'admin');
  await addMember(app, owner, projectA, aEditor.userId, 'editor');
  await addMember(app, owner, projectA, aViewer.userId, 'viewer');
  await addMember(app, owner, projectB, bEditor.userId, 'editor');
  const key = await app.inject({
    method: 'POST',
    url: '/api/v1/api-keys',
    headers: aEditor.headers,
    payload: {
      name: 'read only',
      scopes: ['workflow:read', 'credential:read', 'variable:read', 'project:read', 'execution:read'],
    },
  });
  const apiKey = z.object({ key: z.string() }).parse(json(key)).key;
  const world: World = {
    app,
    who: {
      owner,
      admin,
      aAdmin,
      aEditor,
      aViewer,
      bEditor,
      anonymous: null,
      aEditorReadKey: {
        userId: aEditor.userId,
        email: aEditor.email,
        headers: { authorization: `Bearer ${apiKey}` },
      },
    },
    projectA,
    projectB,
    ids: {},
  };
  world.ids = seed ? await seed(world) : {};
  return world;
}

function matches(outcome: Outcome, status: number, code: unknown): boolean {
  // Allowed means the policy let it through; a later 400/409 from the handler is not a denial.
  if (outcome === 'allow') return status < 400 || ![401, 403, 404].includes(status);
  if (status !== outcome) return false;
  if (typeof code !== 'string') return false;
  if (outcome === 404) return code.endsWith('_NOT_FOUND');
  if (outcome === 403) return code === 'FORBIDDEN';
  return code.startsWith('AUTH_');
}

/** Runs every cell; returns one line per mismatch (empty when the matrix holds). */
export async function runMatrix(world: World, cases: readonly MatrixCase[]): Promise<string[]> {
  const failures: string[] = [];
  for (const c of cases) {
    for (const persona of PERSONAS) {
      const ids = c.fresh ? { ...world.ids, ...(await c.fresh(world)) } : world.ids;
      const who = world.who[persona];
      const { status, code } = c.send ? await c.send(world, who, ids) : await inject(world, c, who, ids);
      const want = c.expect[persona];
      if (!matches(want, status, code)) {
        failures.push(`${c.route} as ${persona}: expected ${want}, got ${status} ${String(code ?? '')}`);
      }
    }
  }
  return failures;
}

async function inject(
  world: World,
  c: MatrixCase,
  who: Identity | null,
  ids: Record<string, string>,
): Promise<Answer> {
  const [method] = c.route.split(' ');
  const payload = c.payload?.(world, ids);
  const res = await world.app.inject({
    method: z.enum(['GET', 'POST', 'PUT', 'PATCH', 'DELETE']).parse(method),
    url: c.url(world, ids),
    headers: {
      ...(who?.headers ?? {}),
      ...(payload === undefined ? {} : { 'content-type': 'application/json' }),
    },
    ...(payload === undefined ? {} : { payload: JSON.stringify(payload) }),
  });
  const body = res.body === '' ? undefined : safeJson(res.body);
  return {
    status: res.statusCode,
    code: typeof body === 'object' && body !== null ? Reflect.get(body, 'code') : undefined,
  };
}

export function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

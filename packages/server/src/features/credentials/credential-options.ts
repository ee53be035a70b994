/**
 * GET /api/v1/credentials/:id/options/:list — the editor's resource pickers
 * (the chat model and embeddings nodes' Model) list what the credential's
 * service offers. The caller must be allowed to use the credential and to edit
 * the workflow, and the credential must be usable by that workflow's project
 * (its own, or shared into it with `use`), exactly as a run would resolve it.
 * Only the list goes back, never the credential's data. Answers are cached
 * for a minute per credential version and list.
 */
import { credentialRoutes } from '@guixu/api';
import { type Choice, GuixuError } from '@guixu/core';
import type { FastifyInstance } from 'fastify';
import type { ServerContext } from '../../context.ts';
import { registerErrorStatus } from '../../http/http-errors.ts';
import { route } from '../../http/route.ts';
import { checkAccess, requireActor } from '../../security/require-access.ts';
import { locateResource, sharesOf } from '../../security/resources.ts';

const OPTIONS_TIMEOUT_MS = 15_000;
const CACHE_TTL_MS = 60_000;
const CACHE_MAX = 256;

registerErrorStatus('CREDENTIAL_OPTIONS_FAILED', 502);

interface Cached {
  data: Choice[];
  fetchedAt: string;
  expires: number;
}

/** A small TTL cache; the oldest entry goes when it is full (Map keeps insertion order). */
export class OptionsCache {
  private readonly entries = new Map<string, Cached>();

  constructor(
    private readonly ttlMs = CACHE_TTL_MS,
    private readonly max = CACHE_MAX,
    private readonly now: () => number = Date.now,
  ) {}

  get(key: string): Cached | undefined {
    const hit = this.entries.get(key);
    if (hit === undefined) return undefined;
    if (hit.expires <= this.now()) {
      this.entries.delete(key);
      return undefined;
    }
    return hit;
  }

  set(key: string, data: Choice[]): Cached {
    this.entries.delete(key);
    if (this.entries.size >= this.max) {
      const oldest = this.entries.keys().next();
      if (!oldest.done) this.entries.delete(oldest.value);
    }
    const entry = { data, fetchedAt: new Date(this.now()).toISOString(), expires: this.now() + this.ttlMs };
    this.entries.set(key, entry);
    return entry;
  }
}

export function registerCredentialOptionsRoute(app: FastifyInstance, ctx: ServerContext): void {
  const store = ctx.services.get('credentials');
  const db = ctx.services.get('security').db;
  const cache = new OptionsCache();

  route(
    app,
    ctx.contracts,
    credentialRoutes.options,
    { resource: 'credential', action: 'use' },
    async ({ params, query, request }) => {
      const actor = await requireActor(ctx, request);
      const workflow = await locateResource(db, 'workflow', query.workflowId);
      await checkAccess(ctx, request, actor, {
        resource: 'workflow',
        action: 'update',
        resourceFrom: () => workflow,
      });
      const row = await store.row(params.id);
      const projectId = workflow?.projectId ?? null;
      const usable =
        row.project_id === projectId ||
        (projectId !== null &&
          (await sharesOf(db, 'credential', row.id)).some(
            (s) => s.projectId === projectId && s.access === 'use',
          ));
      if (!usable) {
        throw new GuixuError(
          'CREDENTIAL_NOT_FOUND',
          `Credential "${row.name}" is not available to this workflow's project; share it into the project with "use" access`,
          { details: { id: row.id, workflowId: query.workflowId } },
        );
      }
      const key = `${row.id}\u0000${row.updated_at}\u0000${params.list}`;
      const hit = query.refresh === 'true' ? undefined : cache.get(key);
      if (hit !== undefined) return { data: hit.data, fetchedAt: hit.fetchedAt };
      let data: Choice[];
      try {
        data = await store.options(
          row.type,
          params.list,
          await store.freshData(row),
          AbortSignal.timeout(OPTIONS_TIMEOUT_MS),
        );
      } catch (error) {
        if (error instanceof GuixuError && error.code === 'CREDENTIAL_OPTIONS_NOT_FOUND') throw error;
        const message = error instanceof Error ? error.message : String(error);
        throw new GuixuError('CREDENTIAL_OPTIONS_FAILED', `Could not list ${params.list}: ${message}`, {
          cause: error,
          audience: 'user',
          description:
            error instanceof GuixuError && error.description !== undefined
              ? error.description
              : 'Test the credential, or type the value by id instead.',
          details: { id: row.id, list: params.list },
        });
      }
      const entry = cache.set(key, data);
      return { data: entry.data, fetchedAt: entry.fetchedAt };
    },
  );
}

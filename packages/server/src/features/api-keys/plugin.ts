import { authRoutes } from '@guixu/api';
import { GuixuError } from '@guixu/core';
import type { Feature } from '../../context.ts';
import { notFound } from '../../http/http-errors.ts';
import { nowIso } from '../../ids.ts';
import { API_KEY_PREFIX } from '../../security/core.ts';
import { ALL_SCOPES, type Scope } from '../../security/policy.ts';
import { route } from '../../http/route.ts';
import { hashToken, randomToken } from '../../security/tokens.ts';
import { randomBytes } from 'node:crypto';

function isScope(value: string): value is Scope {
  return (ALL_SCOPES as readonly string[]).includes(value);
}

export const feature: Feature = {
  name: 'api-keys',
  order: 5,
  routes(app, ctx) {
    const db = ctx.services.get('security').db;
    const audit = () => ctx.services.get('audit');
    const dto = (r: {
      id: string;
      name: string;
      prefix: string;
      scopes: unknown;
      expires_at: string | null;
      last_used_at: string | null;
      created_at: string;
    }) => {
      const scopes = ctx.database.adapter.readJson(r.scopes);
      return {
        id: r.id,
        name: r.name,
        prefix: r.prefix,
        scopes: Array.isArray(scopes) ? scopes.filter((s): s is string => typeof s === 'string') : [],
        expiresAt: r.expires_at,
        lastUsedAt: r.last_used_at,
        createdAt: r.created_at,
      };
    };
    const mine = (request: { actor?: { userId: string } }) => ({
      type: 'apiKey' as const,
      ownerUserId: request.actor?.userId ?? '',
    });

    route(
      app,
      ctx.contracts,
      authRoutes.listApiKeys,
      { resource: 'apiKey', action: 'read', resourceFrom: mine },
      async ({ request }) => {
        const rows = await db
          .selectFrom('api_keys')
          .selectAll()
          .where('user_id', '=', request.actor?.userId ?? '')
          .where('revoked_at', 'is', null)
          .orderBy('created_at', 'desc')
          .execute();
        return { data: rows.map(dto) };
      },
    );

    route(
      app,
      ctx.contracts,
      authRoutes.createApiKey,
      { resource: 'apiKey', action: 'create', resourceFrom: mine },
      async ({ body, request, reply }) => {
        const actor = request.actor;
        if (actor === undefined) throw new GuixuError('AUTH_REQUIRED', 'Sign in first');
        const unknown = body.scopes.filter((s) => !isScope(s));
        if (unknown.length > 0) {
          throw new GuixuError('API_KEY_SCOPE_UNKNOWN', `Unknown scope "${unknown[0]}"`, {
            details: { field: 'scopes', known: ALL_SCOPES },
          });
        }
        // A key can never carry more than the key that creates it.
        if (actor.scopes !== undefined) {
          const extra = body.scopes.filter((s) => isScope(s) && !actor.scopes?.has(s));
          if (extra.length > 0)
            throw new GuixuError('FORBIDDEN', `This API key cannot grant scope "${extra[0]}"`);
        }
        if (body.expiresAt !== undefined && Date.parse(body.expiresAt) <= Date.now()) {
          throw new GuixuError('VALIDATION_FAILED', 'expiresAt must be in the future', {
            details: { field: 'expiresAt' },
          });
        }
        const id = randomBytes(8).toString('hex');
        const secret = randomToken();
        const key = `${API_KEY_PREFIX}${id}_${secret}`;
        const row = {
          id,
          user_id: actor.userId,
          name: body.name,
          secret_hash: hashToken(secret),
          prefix: key.slice(0, API_KEY_PREFIX.length + 20),
          scopes: ctx.database.adapter.json([...new Set(body.scopes)]),
          expires_at: body.expiresAt === undefined ? null : new Date(body.expiresAt).toISOString(),
          last_used_at: null,
          revoked_at: null,
          created_at: nowIso(),
        };
        await db.insertInto('api_keys').values(row).execute();
        await audit().record({
          action: 'apiKey.create',
          request,
          resourceType: 'apiKey',
          resourceId: id,
          summary: `API key "${body.name}" created (${body.scopes.join(', ')})`,
        });
        reply.status(201);
        return { ...dto({ ...row, scopes: [...new Set(body.scopes)] }), key };
      },
    );

    route(
      app,
      ctx.contracts,
      authRoutes.revokeApiKey,
      {
        resource: 'apiKey',
        action: 'delete',
        resourceFrom: async (request) => {
          const id =
            typeof request.params === 'object' && request.params !== null
              ? Reflect.get(request.params, 'id')
              : undefined;
          const row =
            typeof id === 'string'
              ? await db
                  .selectFrom('api_keys')
                  .select(['user_id', 'revoked_at'])
                  .where('id', '=', id)
                  .executeTakeFirst()
              : undefined;
          return row === undefined || row.revoked_at !== null
            ? null
            : { type: 'apiKey', ownerUserId: row.user_id };
        },
      },
      async ({ params, request }) => {
        const result = await db
          .updateTable('api_keys')
          .set({ revoked_at: nowIso() })
          .where('id', '=', params.id)
          .where('revoked_at', 'is', null)
          .executeTakeFirst();
        if (Number(result.numUpdatedRows) === 0) throw notFound('API key', params.id);
        await audit().record({
          action: 'apiKey.revoke',
          request,
          resourceType: 'apiKey',
          resourceId: params.id,
          summary: 'API key revoked',
        });
      },
    );
  },
};

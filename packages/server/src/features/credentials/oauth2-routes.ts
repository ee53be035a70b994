import { credentialRoutes } from '@guixu/api';
import { GuixuError } from '@guixu/core';
import { authorizationCodeToken, authorizationUrl, tokenData } from '@guixu/nodes';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { ServerContext } from '../../context.ts';
import { nowIso } from '../../ids.ts';
import { route } from '../../http/route.ts';
import { PUBLIC } from '../../security/route-access.ts';
import { hashToken, randomToken } from '../../security/tokens.ts';
import { authCodeFieldsSchema, clientOf } from './oauth2-client.ts';

const STATE_TTL_MS = 10 * 60_000;
const pendingSchema = z.object({
  credentialId: z.string(),
  verifier: z.string(),
  expiresAt: z.number(),
  userId: z.string(),
});

function oauthFailed(message: string): GuixuError {
  return new GuixuError('OAUTH2_CALLBACK_INVALID', message);
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function page(title: string, message: string): string {
  return `<!doctype html><meta charset="utf-8"><title>${escapeHtml(title)}</title><h1>${escapeHtml(title)}</h1><p>${escapeHtml(message)}</p>`;
}

/**
 * OAuth2 authorization code with PKCE. The pending state lives in the
 * database (verifier encrypted) so any instance can take the callback.
 */
export function registerOAuth2Routes(app: FastifyInstance, ctx: ServerContext): void {
  const store = ctx.services.get('credentials');
  const security = ctx.services.get('security');
  const db = security.db;
  const redirectUri = `${ctx.config.publicUrl}/api/v1/oauth2/callback`;

  route(
    app,
    ctx.contracts,
    credentialRoutes.oauth2Authorize,
    { resource: 'credential', action: 'update' },
    async ({ params, request }) => {
      const row = await store.row(params.id);
      const fields = authCodeFieldsSchema.safeParse(store.decrypt(row));
      if (!fields.success) {
        throw new GuixuError(
          'CREDENTIAL_NOT_OAUTH2',
          'This credential is not an OAuth2 authorization-code credential (needs grantType, authUrl, accessTokenUrl, clientId)',
          { details: { id: params.id } },
        );
      }
      const state = randomToken();
      const verifier = randomToken(48);
      const pending = {
        credentialId: row.id,
        verifier: security.cipher.encrypt(verifier),
        expiresAt: Date.now() + STATE_TTL_MS,
        userId: request.actor?.userId ?? '',
      };
      await db
        .insertInto('instance_settings')
        .values({
          key: `oauth2.state.${hashToken(state)}`,
          value: ctx.database.adapter.json(pending),
          updated_at: nowIso(),
        })
        .execute();
      return {
        authorizationUrl: await authorizationUrl(clientOf(fields.data), {
          redirectUri,
          state,
          verifier,
          ...(fields.data.scope ? { scope: fields.data.scope } : {}),
          ...(fields.data.authQueryParameters ? { extraQuery: fields.data.authQueryParameters } : {}),
        }),
        redirectUri,
      };
    },
  );

  route(app, ctx.contracts, credentialRoutes.oauth2Callback, PUBLIC, async ({ query, reply, request }) => {
    if (query.error) {
      const reason = query.error_description ? ` (${query.error_description})` : '';
      throw oauthFailed(`The provider answered: ${query.error}${reason}`);
    }
    if (!query.state || !query.code) throw oauthFailed('The callback is missing "code" or "state"');
    const key = `oauth2.state.${hashToken(query.state)}`;
    const row = await db
      .selectFrom('instance_settings')
      .select('value')
      .where('key', '=', key)
      .executeTakeFirst();
    // One-time: the state is gone before the code is used.
    await db.deleteFrom('instance_settings').where('key', '=', key).execute();
    await db
      .deleteFrom('instance_settings')
      .where('key', 'like', 'oauth2.state.%')
      .where('updated_at', '<', new Date(Date.now() - STATE_TTL_MS).toISOString())
      .execute();
    const pending =
      row === undefined ? undefined : pendingSchema.safeParse(ctx.database.adapter.readJson(row.value));
    if (pending === undefined || !pending.success || pending.data.expiresAt < Date.now()) {
      throw oauthFailed('This authorization link is unknown or expired; start again from the credential');
    }
    const credential = await store.row(pending.data.credentialId);
    const data = store.decrypt(credential);
    const fields = authCodeFieldsSchema.parse(data);
    const token = tokenData(
      await authorizationCodeToken(clientOf(fields), {
        code: query.code,
        redirectUri,
        verifier: security.cipher.decrypt(pending.data.verifier),
      }),
    );
    await store.saveInternal(credential.id, { ...data, oauthTokenData: token });
    await ctx.services.get('audit').record({
      action: 'credential.oauth2_connect',
      actor: { id: pending.data.userId, label: null, kind: 'user' },
      request,
      resourceType: 'credential',
      resourceId: credential.id,
      projectId: credential.project_id,
      summary: `OAuth2 credential "${credential.name}" connected`,
    });
    reply.type('text/html; charset=utf-8');
    return reply.send(
      page('Connected', `Credential "${credential.name}" is connected. You can close this window.`),
    );
  });
}

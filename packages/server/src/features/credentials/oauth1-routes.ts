import { credentialRoutes } from '@guixu/api';
import { GuixuError } from '@guixu/core';
import { oauth1AccessToken, oauth1AuthorizeUrl, oauth1RequestToken } from '@guixu/nodes';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { ServerContext } from '../../context.ts';
import { nowIso } from '../../ids.ts';
import { route } from '../../http/route.ts';
import { PUBLIC } from '../../security/route-access.ts';
import { hashToken, randomToken, safeEqual } from '../../security/tokens.ts';
import { consumerOf, isOAuth1Type, type OAuth1Fields, oauth1FieldsSchema } from './oauth1-fields.ts';

const FLOW_TTL_MS = 10 * 60_000;
const KEY_PREFIX = 'oauth1.state.';
const TOKEN_TIMEOUT_MS = 15_000;

/** The flow between start and callback, in `instance_settings` so any instance can take the callback. */
const pendingSchema = z.object({
  credentialId: z.string(),
  projectId: z.string(),
  userId: z.string(),
  requestToken: z.string(),
  /** Encrypted with the instance key. */
  requestTokenSecret: z.string(),
  expiresAt: z.number(),
});

function callbackInvalid(message: string): GuixuError {
  return new GuixuError('OAUTH1_CALLBACK_INVALID', message);
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function page(title: string, message: string): string {
  return `<!doctype html><meta charset="utf-8"><title>${escapeHtml(title)}</title><h1>${escapeHtml(title)}</h1><p>${escapeHtml(message)}</p>`;
}

/** The token URLs the sign-in needs, each named when missing. */
function flowUrls(fields: OAuth1Fields) {
  const missing = (
    [
      ['requestTokenUrl', 'Request Token URL'],
      ['authUrl', 'Authorization URL'],
      ['accessTokenUrl', 'Access Token URL'],
    ] as const
  ).filter(([key]) => !fields[key]?.trim());
  if (missing.length > 0) {
    const labels = missing.map(([, label]) => `the ${label}`);
    const named = labels.length > 1 ? `${labels.slice(0, -1).join(', ')} and ${labels.at(-1)}` : labels[0];
    throw new GuixuError(
      'OAUTH1_CONFIG_INVALID',
      `The OAuth1 credential needs ${named} to connect; enter the provider's URLs and save it first`,
      { parameter: missing[0]?.[0], details: { missing: missing.map(([key]) => key) } },
    );
  }
  return {
    requestTokenUrl: fields.requestTokenUrl ?? '',
    authUrl: fields.authUrl ?? '',
    accessTokenUrl: fields.accessTokenUrl ?? '',
  };
}

/**
 * OAuth 1.0a three-legged sign-in (RFC 5849 §2). The request token secret is
 * kept server-side (encrypted) under a one-time state bound to the credential,
 * its project and the user who started; the callback must bring the same
 * request token back. The access token is stored in the credential's
 * encrypted `oauthTokenData` and never returned.
 */
export function registerOAuth1Routes(app: FastifyInstance, ctx: ServerContext): void {
  const store = ctx.services.get('credentials');
  const security = ctx.services.get('security');
  const db = security.db;
  const callbackBase = `${ctx.config.publicUrl}/api/v1/oauth1/callback`;

  async function readFields(id: string) {
    const row = await store.row(id);
    const type = store.type(row.type);
    const data = store.decrypt(row);
    const fields = isOAuth1Type(type) ? oauth1FieldsSchema.safeParse(data) : undefined;
    if (fields === undefined || !fields.success) {
      throw new GuixuError(
        'CREDENTIAL_NOT_OAUTH1',
        'This credential is not an OAuth1 credential with a consumer key and secret',
        { details: { id } },
      );
    }
    return { row, data, fields: fields.data };
  }

  route(
    app,
    ctx.contracts,
    credentialRoutes.oauth1Authorize,
    { resource: 'credential', action: 'update' },
    async ({ params, request }) => {
      const { row, fields } = await readFields(params.id);
      const urls = flowUrls(fields);
      const state = randomToken();
      // The provider keeps this query and adds oauth_token and oauth_verifier (RFC 5849 §2.2).
      const callbackUrl = `${callbackBase}?state=${encodeURIComponent(state)}`;
      const requestToken = await oauth1RequestToken(
        consumerOf(fields),
        { requestTokenUrl: urls.requestTokenUrl, callbackUrl },
        { timeoutMs: TOKEN_TIMEOUT_MS },
      );
      const pending: z.infer<typeof pendingSchema> = {
        credentialId: row.id,
        projectId: row.project_id,
        userId: request.actor?.userId ?? '',
        requestToken: requestToken.key,
        requestTokenSecret: security.cipher.encrypt(requestToken.secret),
        expiresAt: Date.now() + FLOW_TTL_MS,
      };
      await db
        .insertInto('instance_settings')
        .values({
          key: `${KEY_PREFIX}${hashToken(state)}`,
          value: ctx.database.adapter.json(pending),
          updated_at: nowIso(),
        })
        .execute();
      return {
        authorizationUrl: oauth1AuthorizeUrl(urls.authUrl, requestToken.key),
        callbackUrl: callbackBase,
      };
    },
  );

  /** Takes the flow of `state` out of the database: one callback per flow, even when two race. */
  async function takeFlow(state: string) {
    const key = `${KEY_PREFIX}${hashToken(state)}`;
    const row = await db
      .selectFrom('instance_settings')
      .select('value')
      .where('key', '=', key)
      .executeTakeFirst();
    const deleted = await db.deleteFrom('instance_settings').where('key', '=', key).executeTakeFirst();
    await db
      .deleteFrom('instance_settings')
      .where('key', 'like', `${KEY_PREFIX}%`)
      .where('updated_at', '<', new Date(Date.now() - FLOW_TTL_MS).toISOString())
      .execute();
    if (row === undefined || Number(deleted.numDeletedRows) === 0) return undefined;
    const pending = pendingSchema.safeParse(ctx.database.adapter.readJson(row.value));
    return pending.success && pending.data.expiresAt >= Date.now() ? pending.data : undefined;
  }

  route(app, ctx.contracts, credentialRoutes.oauth1Callback, PUBLIC, async ({ query, reply, request }) => {
    const flow = query.state ? await takeFlow(query.state) : undefined;
    if (flow === undefined) {
      throw callbackInvalid('This sign-in link is unknown or expired; start again from the credential');
    }
    if (query.denied !== undefined) throw callbackInvalid('The sign-in was declined at the provider');
    if (!query.oauth_token || !query.oauth_verifier) {
      throw callbackInvalid('The callback is missing "oauth_token" or "oauth_verifier"');
    }
    // The provider returns the request token it issued for this flow; anything else is not this sign-in.
    if (!safeEqual(query.oauth_token, flow.requestToken)) {
      throw callbackInvalid('The callback does not belong to this sign-in; start again from the credential');
    }
    const { row, data, fields } = await readFields(flow.credentialId);
    if (row.project_id !== flow.projectId) {
      throw callbackInvalid('The credential moved to another project during the sign-in; start again');
    }
    const token = await oauth1AccessToken(
      consumerOf(fields),
      {
        accessTokenUrl: flowUrls(fields).accessTokenUrl,
        requestToken: { key: flow.requestToken, secret: security.cipher.decrypt(flow.requestTokenSecret) },
        verifier: query.oauth_verifier,
      },
      { timeoutMs: TOKEN_TIMEOUT_MS },
    );
    await store.saveInternal(row.id, { ...data, oauthTokenData: token });
    await ctx.services.get('audit').record({
      action: 'credential.oauth1_connect',
      actor: { id: flow.userId, label: null, kind: 'user' },
      request,
      resourceType: 'credential',
      resourceId: row.id,
      projectId: row.project_id,
      summary: `OAuth1 credential "${row.name}" connected`,
    });
    reply.type('text/html; charset=utf-8');
    return reply.send(page('Connected', `Credential "${row.name}" is connected. You can close this window.`));
  });
}

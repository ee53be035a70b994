import { authRoutes } from '@guixu/api';
import { GuixuError } from '@guixu/core';
import { z } from 'zod';
import type { Feature } from '../../context.ts';
import { nowIso } from '../../ids.ts';
import { clearCookie, readCookie, setCookie } from '../../security/cookies.ts';
import type { InstanceRole } from '../../security/policy.ts';
import { route } from '../../http/route.ts';
import { PUBLIC } from '../../security/route-access.ts';
import { randomToken } from '../../security/tokens.ts';
import { clientMeta, sessionReply } from '../auth/session-reply.ts';
import { OidcClient, ssoFailed } from './oidc-client.ts';
import { type OidcSettings, OidcSettingsStore } from './settings.ts';

const FLOW_COOKIE = 'guixu_oidc';
const FLOW_PATH = '/api/v1/auth/oidc';
const FLOW_TTL_S = 600;
const flowSchema = z.object({
  state: z.string(),
  nonce: z.string(),
  verifier: z.string(),
  redirect: z.string(),
  at: z.number(),
});

/** Claim values (a string or a list) mapped to the strongest role they grant. */
export function roleFromClaims(
  claims: Record<string, unknown>,
  settings: OidcSettings,
): Exclude<InstanceRole, 'owner'> {
  const raw = claims[settings.roleClaim];
  const values = Array.isArray(raw)
    ? raw.filter((v): v is string => typeof v === 'string')
    : typeof raw === 'string'
      ? [raw]
      : [];
  const roles = values.map((v) => settings.roleMapping[v]).filter((r) => r !== undefined);
  if (roles.includes('admin')) return 'admin';
  if (roles.includes('member')) return 'member';
  return settings.defaultRole;
}

/** Only same-site paths: the redirect after sign-in must never leave the instance. */
function safeRedirect(value: string | undefined): string {
  return value !== undefined && /^\/(?![/\\])/.test(value) ? value : '/';
}

export const feature: Feature = {
  name: 'sso',
  order: 6,
  setup(ctx) {
    const store = new OidcSettingsStore(ctx.services.get('security'));
    ctx.services.get('security').ssoEnabled = async () => (await store.get())?.enabled ?? false;
  },
  routes(app, ctx) {
    const security = ctx.services.get('security');
    const accounts = ctx.services.get('accounts');
    const store = new OidcSettingsStore(security);
    const redirectUri = `${ctx.config.publicUrl}${FLOW_PATH}/callback`;
    let cached: { key: string; client: OidcClient } | undefined;
    const clientFor = (s: OidcSettings) => {
      const key = JSON.stringify([s.discoveryUrl, s.clientId, s.clientSecret]);
      if (cached?.key !== key)
        cached = { key, client: new OidcClient(s.discoveryUrl, s.clientId, s.clientSecret) };
      return cached.client;
    };
    const enabled = async () => {
      const s = await store.get();
      if (s === null || !s.enabled)
        throw new GuixuError('SSO_NOT_FOUND', 'Single sign-on is not configured on this instance');
      return s;
    };

    route(app, ctx.contracts, authRoutes.getOidc, { resource: 'sso', action: 'read' }, async () => {
      const s = await store.get();
      return s === null ? null : store.masked(s);
    });
    route(
      app,
      ctx.contracts,
      authRoutes.putOidc,
      { resource: 'sso', action: 'update' },
      async ({ body, request }) => {
        const saved = await store.put(body);
        await ctx.services.get('audit').record({
          action: 'sso.update',
          request,
          summary: `OIDC sign-in ${saved.enabled ? 'enabled' : 'disabled'} (${saved.discoveryUrl})`,
        });
        return store.masked(saved);
      },
    );

    route(app, ctx.contracts, authRoutes.oidcLogin, PUBLIC, async ({ query, reply }) => {
      const s = await enabled();
      const flow = {
        state: randomToken(),
        nonce: randomToken(),
        verifier: randomToken(48),
        redirect: safeRedirect(query.redirect),
        at: Date.now(),
      };
      const url = await clientFor(s).authorizationUrl({ redirectUri, scopes: s.scopes, ...flow });
      // Encrypted, so the browser carries the flow without reading or forging it; Lax so the provider's redirect brings it back.
      setCookie(reply, FLOW_COOKIE, security.cipher.encryptJson(flow), {
        maxAgeSeconds: FLOW_TTL_S,
        httpOnly: true,
        secure: security.settings.cookieSecure,
        sameSite: 'Lax',
        path: FLOW_PATH,
      });
      return reply.redirect(url, 302);
    });

    route(app, ctx.contracts, authRoutes.oidcCallback, PUBLIC, async ({ query, request, reply }) => {
      const s = await enabled();
      const cookie = readCookie(request, FLOW_COOKIE);
      clearCookie(reply, FLOW_COOKIE, FLOW_PATH, security.settings.cookieSecure);
      if (query.error)
        throw ssoFailed(
          `the provider answered ${query.error}${query.error_description ? `: ${query.error_description}` : ''}`,
        );
      let flow: z.infer<typeof flowSchema> | undefined;
      try {
        const parsed = flowSchema.safeParse(
          cookie === undefined ? undefined : security.cipher.decryptJson(cookie),
        );
        flow = parsed.success ? parsed.data : undefined;
      } catch {
        flow = undefined;
      }
      if (flow === undefined || Date.now() - flow.at > FLOW_TTL_S * 1000)
        throw ssoFailed('the sign-in took too long or was started elsewhere; try again');
      if (!query.code || query.state !== flow.state)
        throw ssoFailed('the answer does not belong to this sign-in (state mismatch)');
      const claims = await clientFor(s).finish({
        callbackUrl: new URL(request.url, redirectUri),
        state: flow.state,
        verifier: flow.verifier,
        nonce: flow.nonce,
      });
      const email = typeof claims.email === 'string' ? claims.email.toLowerCase() : undefined;
      if (email === undefined)
        throw ssoFailed('the provider did not share an email address (add the "email" scope)');
      if (claims.email_verified === false) throw ssoFailed(`the provider has not verified ${email}`);
      const subject = `${String(claims.iss)}|${String(claims.sub)}`;
      const role = roleFromClaims(claims, s);
      let user =
        (await security.db
          .selectFrom('users')
          .selectAll()
          .where('sso_subject', '=', subject)
          .executeTakeFirst()) ?? (await accounts.findByEmail(email));
      if (user === undefined) {
        if (!s.autoCreate) throw ssoFailed(`no account for ${email}; ask an admin to create it`);
        const name =
          typeof claims.name === 'string' && claims.name.trim() !== ''
            ? claims.name.trim().slice(0, 128)
            : undefined;
        user = await accounts.create({
          email,
          role,
          password: null,
          ssoSubject: subject,
          ...(name ? { displayName: name } : {}),
        });
      } else {
        if (ctx.database.adapter.readBool(user.disabled)) throw ssoFailed('this account is disabled');
        // The provider's groups decide the role on every sign-in; the owner stays owner.
        const nextRole = user.role === 'owner' ? 'owner' : role;
        await security.db
          .updateTable('users')
          .set({ sso_subject: subject, role: nextRole, updated_at: nowIso() })
          .where('id', '=', user.id)
          .execute();
        user = { ...user, sso_subject: subject, role: nextRole };
      }
      const issued = await accounts.startSession(user.id, clientMeta(request), 'oidc');
      await ctx.services.get('audit').record({
        action: 'user.login',
        actor: { id: user.id, label: user.email, kind: 'user' },
        request,
        resourceType: 'user',
        resourceId: user.id,
        summary: `${user.email} signed in with OIDC (${role})`,
      });
      sessionReply({ reply, security, accounts, issued, user, delivery: 'cookie' });
      return reply.redirect(flow.redirect, 302);
    });
  },
};

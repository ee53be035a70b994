import { authRoutes } from '@guixu/api';
import { GuixuError } from '@guixu/core';
import type { Feature } from '../../context.ts';
import { readCookie, REFRESH_COOKIE } from '../../security/cookies.ts';
import { SecurityCore } from '../../security/core.ts';
import { AuthCodes, tokenInvalid } from '../../security/errors.ts';
import { loadInstanceKey } from '../../security/instance-key.ts';
import { requireActor } from '../../security/require-access.ts';
import { route } from '../../http/route.ts';
import { ownRecord, PUBLIC, SIGNED_IN } from '../../security/route-access.ts';
import { AccountService } from './accounts.ts';
import { clearSessionCookies, clientMeta, sessionReply } from './session-reply.ts';

export const feature: Feature = {
  name: 'auth',
  // Before every feature that checks access.
  order: 1,
  async setup(ctx) {
    const key = loadInstanceKey({
      dataDir: ctx.config.dataDir,
      env: { GUIXU_ENCRYPTION_KEY: ctx.config.encryptionKey },
    });
    const security = new SecurityCore(ctx.database, key, ctx.config.security);
    ctx.services.provide('security', security);
    ctx.services.provide('accounts', new AccountService(security));
    try {
      await security.verifyKeyMatchesDatabase();
    } catch (error) {
      if (error instanceof GuixuError && error.code === 'ENCRYPTION_KEY_MISMATCH') throw error;
      // Database not reachable yet: the app still builds (and answers 503); `start` checks again.
      ctx.log.warn({ err: error }, 'encryption key check deferred: database unavailable');
    }
  },
  async start(ctx) {
    // Here, not in setup: the app must still build (and answer 503) while the database is down.
    await ctx.services.get('security').verifyKeyMatchesDatabase();
  },
  routes(app, ctx) {
    const security = ctx.services.get('security');
    const accounts = ctx.services.get('accounts');
    const audit = () => ctx.services.get('audit');

    route(app, ctx.contracts, authRoutes.setupStatus, PUBLIC, async () => ({
      ownerExists: await accounts.ownerExists(),
      ssoEnabled: (await ctx.services.get('security').ssoEnabled?.()) ?? false,
    }));

    route(app, ctx.contracts, authRoutes.setupOwner, PUBLIC, async ({ body, request, reply }) => {
      await security.limiters.login.hit(request);
      if (await accounts.ownerExists()) {
        throw new GuixuError(AuthCodes.setupDone, 'The instance owner already exists; sign in instead');
      }
      const user = await accounts.create({
        email: body.email,
        password: body.password,
        role: 'owner',
        ...(body.displayName ? { displayName: body.displayName } : {}),
      });
      const issued = await accounts.startSession(user.id, clientMeta(request), 'password');
      await audit().record({
        action: 'user.setup_owner',
        actor: { id: user.id, label: user.email, kind: 'user' },
        request,
        resourceType: 'user',
        resourceId: user.id,
        summary: `Instance owner ${user.email} created`,
      });
      return sessionReply({ reply, security, accounts, issued, user, delivery: body.tokens });
    });

    route(app, ctx.contracts, authRoutes.login, PUBLIC, async ({ body, request, reply }) => {
      await security.limiters.login.hit(request);
      let user: Awaited<ReturnType<typeof accounts.verifyLogin>>;
      try {
        user = await accounts.verifyLogin(body.email, body.password, request.ip);
      } catch (error) {
        await audit().record({
          action: 'user.login_failed',
          actor: { id: null, label: body.email, kind: 'anonymous' },
          request,
          resourceType: 'user',
          summary: `Failed sign-in for ${body.email}${error instanceof GuixuError ? ` (${error.code})` : ''}`,
        });
        throw error;
      }
      const issued = await accounts.startSession(user.id, clientMeta(request), 'password');
      await audit().record({
        action: 'user.login',
        actor: { id: user.id, label: user.email, kind: 'user' },
        request,
        resourceType: 'user',
        resourceId: user.id,
        summary: `${user.email} signed in`,
      });
      return sessionReply({ reply, security, accounts, issued, user, delivery: body.tokens });
    });

    route(app, ctx.contracts, authRoutes.refresh, PUBLIC, async ({ body, request, reply }) => {
      const token = body.refreshToken ?? readCookie(request, REFRESH_COOKIE);
      if (token === undefined || token === '') throw tokenInvalid('refresh token');
      const issued = await accounts.refresh(token, clientMeta(request));
      const user = await accounts.get(issued.userId);
      if (user === undefined) throw tokenInvalid('account');
      const delivery = body.refreshToken !== undefined ? 'body' : body.tokens;
      return sessionReply({ reply, security, accounts, issued, user, delivery });
    });

    route(app, ctx.contracts, authRoutes.logout, SIGNED_IN, async ({ request, reply }) => {
      const actor = await requireActor(ctx, request);
      if (actor.sessionId !== undefined) await accounts.revokeSession(actor.sessionId);
      clearSessionCookies(reply, security);
      await audit().record({
        action: 'user.logout',
        request,
        resourceType: 'user',
        resourceId: actor.userId,
        summary: `${actor.email} signed out`,
      });
    });

    route(app, ctx.contracts, authRoutes.me, SIGNED_IN, async ({ request }) => {
      const actor = await requireActor(ctx, request);
      const user = await accounts.get(actor.userId);
      if (user === undefined) throw tokenInvalid('account');
      const ids = [...actor.projects.keys()];
      const projects =
        ids.length === 0
          ? []
          : await security.db
              .selectFrom('projects')
              .select(['id', 'name', 'kind'])
              .where('id', 'in', ids)
              .orderBy('name')
              .execute();
      return {
        user: accounts.toUser(user),
        personalProjectId: actor.personalProjectId,
        projects: projects.flatMap((p) => {
          const role = actor.projects.get(p.id);
          return role === undefined ? [] : [{ id: p.id, name: p.name, kind: p.kind, role }];
        }),
        via: actor.kind,
      };
    });

    route(app, ctx.contracts, authRoutes.sessions, ownRecord('session', 'read'), async ({ request }) => {
      const actor = await requireActor(ctx, request);
      const rows = await accounts.listSessions(actor.userId);
      return {
        data: rows.map((s) => ({
          id: s.id,
          current: s.id === actor.sessionId,
          via: s.via,
          userAgent: s.user_agent,
          ip: s.ip,
          createdAt: s.created_at,
          lastUsedAt: s.last_used_at,
          expiresAt: s.expires_at,
        })),
      };
    });

    route(
      app,
      ctx.contracts,
      authRoutes.revokeSession,
      ownRecord('session', 'delete'),
      async ({ params, request }) => {
        const actor = await requireActor(ctx, request);
        if (!(await accounts.revokeSession(params.id, actor.userId))) {
          throw new GuixuError('SESSION_NOT_FOUND', `Session "${params.id}" was not found`, {
            details: { id: params.id },
          });
        }
        await audit().record({
          action: 'session.revoke',
          request,
          resourceType: 'session',
          resourceId: params.id,
          summary: 'Session revoked',
        });
      },
    );

    route(app, ctx.contracts, authRoutes.changePassword, SIGNED_IN, async ({ body, request }) => {
      const actor = await requireActor(ctx, request);
      if (actor.kind === 'apiKey') {
        throw new GuixuError(AuthCodes.forbidden, 'API keys cannot change the password; sign in as the user');
      }
      await accounts.changePassword(actor.userId, body.currentPassword, body.newPassword, actor.sessionId);
      await audit().record({
        action: 'user.password_change',
        request,
        resourceType: 'user',
        resourceId: actor.userId,
        summary: `${actor.email} changed their password`,
      });
    });

    route(app, ctx.contracts, authRoutes.forgotPassword, PUBLIC, async ({ body, request }) => {
      await security.limiters.reset.hit(request);
      const user = await accounts.findByEmail(body.email);
      if (user !== undefined && !ctx.database.adapter.readBool(user.disabled)) {
        const token = await accounts.issuePasswordToken(user.id, 'reset');
        // Until an email node sends it, the operator hands the link over from the log.
        ctx.log.info(
          { email: user.email, url: `${ctx.config.publicUrl}/reset-password?token=${token}` },
          'password reset link',
        );
        await audit().record({
          action: 'user.password_reset_requested',
          actor: { id: null, label: body.email, kind: 'anonymous' },
          request,
          resourceType: 'user',
          resourceId: user.id,
          summary: `Password reset requested for ${user.email}`,
        });
      }
    });

    route(app, ctx.contracts, authRoutes.resetPassword, PUBLIC, async ({ body, request }) => {
      await security.limiters.reset.hit(request);
      const user = await accounts.resetPassword(body.token, body.password);
      await audit().record({
        action: 'user.password_reset',
        actor: { id: user.id, label: user.email, kind: 'user' },
        request,
        resourceType: 'user',
        resourceId: user.id,
        summary: `${user.email} set a new password with a one-time link`,
      });
    });
  },
};

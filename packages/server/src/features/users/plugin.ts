import { userRoutes } from '@guixu/api';
import { GuixuError } from '@guixu/core';
import { dropVectorCollections, projectTenant } from '@guixu/nodes';
import type { Feature } from '../../context.ts';
import { notFound } from '../../http/http-errors.ts';
import { nowIso } from '../../ids.ts';
import { AuthCodes } from '../../security/errors.ts';
import { route } from '../../http/route.ts';
import { requireActor } from '../../security/require-access.ts';
import { ownRecord } from '../../security/route-access.ts';
import { diffSummary } from '../audit/audit-log.ts';
import { fellowMemberIds, userRecord } from './fellow-members.ts';

export const feature: Feature = {
  name: 'users',
  order: 5,
  routes(app, ctx) {
    const accounts = ctx.services.get('accounts');
    const audit = () => ctx.services.get('audit');
    const db = ctx.services.get('security').db;

    route(app, ctx.contracts, userRoutes.list, ownRecord('user', 'read'), async ({ request }) => {
      const fellows = await fellowMemberIds(db, request.actor ?? (await requireActor(ctx, request)));
      let query = db.selectFrom('users').selectAll().orderBy('email');
      if (fellows !== null) query = query.where('id', 'in', [...fellows]);
      const rows = await query.execute();
      return { data: rows.map((r) => accounts.toUser(r)) };
    });

    route(
      app,
      ctx.contracts,
      userRoutes.get,
      { resource: 'user', action: 'read', resourceFrom: userRecord(db) },
      async ({ params }) => {
        const row = await accounts.get(params.id);
        if (row === undefined) throw notFound('user', params.id);
        return accounts.toUser(row);
      },
    );

    route(
      app,
      ctx.contracts,
      userRoutes.create,
      { resource: 'user', action: 'create' },
      async ({ body, request, reply }) => {
        const row = await accounts.create({
          email: body.email,
          role: body.role,
          password: body.password ?? null,
          ...(body.displayName ? { displayName: body.displayName } : {}),
        });
        let inviteUrl: string | null = null;
        if (body.password === undefined) {
          const token = await accounts.issuePasswordToken(row.id, 'invite');
          inviteUrl = `${ctx.config.publicUrl}/reset-password?token=${token}&invite=1`;
          ctx.log.info({ email: row.email, url: inviteUrl }, 'invitation link');
        }
        await audit().record({
          action: 'user.create',
          request,
          resourceType: 'user',
          resourceId: row.id,
          summary: `User ${row.email} created with role ${row.role}`,
        });
        reply.status(201);
        return { user: accounts.toUser(row), inviteUrl };
      },
    );

    route(
      app,
      ctx.contracts,
      userRoutes.update,
      { resource: 'user', action: 'update', resourceFrom: userRecord(db) },
      async ({ params, body, request }) => {
        const actor = request.actor;
        const before = await accounts.get(params.id);
        if (before === undefined || actor === undefined) throw notFound('user', params.id);
        const self = actor.userId === params.id;
        const admin = actor.role === 'owner' || actor.role === 'admin';
        if ((body.role !== undefined || body.disabled !== undefined) && (!admin || self)) {
          throw new GuixuError(
            AuthCodes.forbidden,
            'Only an owner or admin may change the role or state of another user',
          );
        }
        if (before.role === 'owner' && (body.role !== undefined || body.disabled !== undefined)) {
          throw new GuixuError(AuthCodes.forbidden, 'The instance owner cannot be demoted or disabled');
        }
        if (actor.role === 'admin' && before.role === 'admin' && !self) {
          throw new GuixuError(AuthCodes.forbidden, 'Admins cannot change other admins; ask the owner');
        }
        await db
          .updateTable('users')
          .set({
            ...(body.displayName !== undefined ? { display_name: body.displayName } : {}),
            ...(body.role !== undefined ? { role: body.role } : {}),
            ...(body.disabled !== undefined ? { disabled: ctx.database.adapter.bool(body.disabled) } : {}),
            updated_at: nowIso(),
          })
          .where('id', '=', params.id)
          .execute();
        if (body.disabled === true) await accounts.revokeAllSessions(params.id);
        const after = await accounts.get(params.id);
        if (after === undefined) throw notFound('user', params.id);
        const dto = accounts.toUser(after);
        const old = accounts.toUser(before);
        await audit().record({
          action: 'user.update',
          request,
          resourceType: 'user',
          resourceId: params.id,
          summary: `User ${after.email} updated`,
          diff: diffSummary(
            { displayName: old.displayName, role: old.role, disabled: old.disabled },
            { displayName: dto.displayName, role: dto.role, disabled: dto.disabled },
          ),
        });
        return dto;
      },
    );

    route(
      app,
      ctx.contracts,
      userRoutes.delete,
      { resource: 'user', action: 'delete' },
      async ({ params, request }) => {
        const row = await accounts.get(params.id);
        if (row === undefined) throw notFound('user', params.id);
        if (row.role === 'owner')
          throw new GuixuError(AuthCodes.forbidden, 'The instance owner cannot be deleted');
        if (request.actor?.role === 'admin' && row.role === 'admin') {
          throw new GuixuError(AuthCodes.forbidden, 'Admins cannot delete other admins; ask the owner');
        }
        const personal = await db
          .selectFrom('projects')
          .select('id')
          .where('owner_id', '=', params.id)
          .executeTakeFirst();
        if (personal !== undefined) {
          await ctx.services.get('projects').deleteContents(personal.id);
          await dropVectorCollections(ctx.config.nodes.vectorDbPath, `${projectTenant(personal.id)}/`);
        }
        await db.deleteFrom('users').where('id', '=', params.id).execute();
        await audit().record({
          action: 'user.delete',
          request,
          resourceType: 'user',
          resourceId: params.id,
          summary: `User ${row.email} deleted`,
        });
      },
    );
  },
};

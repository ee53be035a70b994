import type { User } from '@guixu/api';
import { GuixuError } from '@guixu/core';
import type { Selectable } from 'kysely';
import { newId, nowIso } from '../../ids.ts';
import { isInstanceRole } from '../../security/actor.ts';
import type { SecurityCore } from '../../security/core.ts';
import { AuthCodes, tokenInvalid } from '../../security/errors.ts';
import { assertStrongPassword, hashPassword, verifyPassword } from '../../security/password.ts';
import type { InstanceRole } from '../../security/policy.ts';
import type { SecurityDb, UsersTable } from '../../security/tables.ts';
import { hashToken, randomToken } from '../../security/tokens.ts';
import { type BackoffKey, LoginBackoff } from './login-backoff.ts';

export type UserRow = Selectable<UsersTable>;

export interface ClientMeta {
  ip: string | null;
  userAgent: string | null;
}

export interface IssuedSession {
  sessionId: string;
  userId: string;
  accessToken: string;
  accessTokenExpiresAt: Date;
  refreshToken: string;
  refreshExpiresAt: Date;
}

export interface NewUser {
  email: string;
  displayName?: string;
  role: InstanceRole;
  /** Null: no password yet (invited, or SSO-only). */
  password: string | null;
  ssoSubject?: string;
}

const RESET_TTL_MS = 60 * 60_000;
const INVITE_TTL_MS = 7 * 24 * 60 * 60_000;

function emailTaken(email: string): GuixuError {
  return new GuixuError('EMAIL_TAKEN', `A user with the email "${email}" already exists`, {
    details: { field: 'email' },
  });
}

/** Users, passwords, sessions and one-time links (`ctx.services.get('accounts')`). */
export class AccountService {
  private readonly db: SecurityDb;
  private readonly backoff: LoginBackoff;

  constructor(
    private readonly security: SecurityCore,
    backoff?: LoginBackoff,
  ) {
    this.db = security.db;
    this.backoff = backoff ?? new LoginBackoff({ threshold: security.settings.lockoutThreshold });
  }

  toUser(row: UserRow): User {
    return {
      id: row.id,
      email: row.email,
      displayName: row.display_name,
      role: isInstanceRole(row.role) ? row.role : 'member',
      disabled: this.security.database.adapter.readBool(row.disabled),
      ssoLinked: row.sso_subject !== null,
      hasPassword: row.password_hash !== null,
      createdAt: row.created_at,
    };
  }

  async ownerExists(): Promise<boolean> {
    const row = await this.db.selectFrom('users').select('id').where('role', '=', 'owner').executeTakeFirst();
    return row !== undefined;
  }

  async findByEmail(email: string): Promise<UserRow | undefined> {
    return this.db
      .selectFrom('users')
      .selectAll()
      .where('email', '=', email.toLowerCase())
      .executeTakeFirst();
  }

  async get(id: string): Promise<UserRow | undefined> {
    return this.db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
  }

  /** Creates the user with their personal project, in one transaction. */
  async create(input: NewUser): Promise<UserRow> {
    const email = input.email.toLowerCase();
    if (input.password !== null) await assertStrongPassword(input.password, email);
    const passwordHash = input.password === null ? null : await hashPassword(input.password);
    const now = nowIso();
    const row: UserRow = {
      id: newId(),
      email,
      display_name: input.displayName ?? email.split('@')[0],
      password_hash: passwordHash,
      role: input.role,
      disabled: this.security.database.adapter.bool(false),
      // Columns of the old account lock, unused since the backoff (login-backoff.ts) replaced it.
      failed_logins: 0,
      locked_until: null,
      sso_subject: input.ssoSubject ?? null,
      created_at: now,
      updated_at: now,
    };
    try {
      await this.db.transaction().execute(async (trx) => {
        await trx
          .insertInto('users')
          .values({ ...row, disabled: this.security.database.adapter.bool(false) })
          .execute();
        const projectId = newId();
        await trx
          .insertInto('projects')
          .values({
            id: projectId,
            name: `${row.display_name} (personal)`,
            kind: 'personal',
            owner_id: row.id,
            created_at: now,
            updated_at: now,
          })
          .execute();
        await trx
          .insertInto('project_members')
          .values({ project_id: projectId, user_id: row.id, role: 'admin', created_at: now })
          .execute();
      });
    } catch (error) {
      if (this.security.database.adapter.isUniqueViolation(error)) {
        if (input.role === 'owner' && (await this.ownerExists())) {
          throw new GuixuError(AuthCodes.setupDone, 'The instance owner already exists; sign in instead');
        }
        throw emailTaken(email);
      }
      throw error;
    }
    return row;
  }

  /**
   * Checks email and password, with exponential delays per email and per
   * client address: a wrong password, an unknown email and a disabled account
   * get the same answer, and so do their delays.
   */
  async verifyLogin(email: string, password: string, address?: string | null): Promise<UserRow> {
    const normalized = email.trim().toLowerCase();
    const keys: BackoffKey[] = [{ kind: 'email', value: normalized }];
    if (address) keys.push({ kind: 'address', value: address });
    this.backoff.check(keys);
    const user = await this.findByEmail(normalized);
    const ok = await verifyPassword(user?.password_hash ?? null, password);
    const disabled = user !== undefined && this.security.database.adapter.readBool(user.disabled);
    if (user === undefined || !ok || disabled) {
      this.backoff.fail(keys);
      throw new GuixuError(AuthCodes.invalidCredentials, 'Wrong email or password');
    }
    this.backoff.succeed(keys);
    return user;
  }

  async startSession(userId: string, meta: ClientMeta, via: string): Promise<IssuedSession> {
    const refreshToken = randomToken();
    const now = new Date();
    const refreshExpiresAt = new Date(
      now.getTime() + this.security.settings.refreshTokenTtlDays * 86_400_000,
    );
    const sessionId = newId();
    await this.db
      .insertInto('sessions')
      .values({
        id: sessionId,
        user_id: userId,
        refresh_hash: hashToken(refreshToken),
        previous_hash: null,
        user_agent: meta.userAgent?.slice(0, 512) ?? null,
        ip: meta.ip,
        via,
        created_at: now.toISOString(),
        last_used_at: now.toISOString(),
        expires_at: refreshExpiresAt.toISOString(),
        revoked_at: null,
      })
      .execute();
    const access = await this.security.signer.sign(userId, sessionId);
    return {
      sessionId,
      userId,
      accessToken: access.token,
      accessTokenExpiresAt: access.expiresAt,
      refreshToken,
      refreshExpiresAt,
    };
  }

  /**
   * Rotates the refresh token. Presenting an already-rotated token means it
   * leaked: the whole session is revoked.
   */
  async refresh(refreshToken: string, meta: ClientMeta): Promise<IssuedSession> {
    const hash = hashToken(refreshToken);
    const session = await this.db
      .selectFrom('sessions')
      .selectAll()
      .where('refresh_hash', '=', hash)
      .executeTakeFirst();
    if (session === undefined) {
      const reused = await this.db
        .selectFrom('sessions')
        .select('id')
        .where('previous_hash', '=', hash)
        .executeTakeFirst();
      if (reused !== undefined) await this.revokeSession(reused.id);
      throw tokenInvalid('refresh token');
    }
    if (session.revoked_at !== null || Date.parse(session.expires_at) <= Date.now()) {
      throw tokenInvalid('refresh token');
    }
    const user = await this.get(session.user_id);
    if (user === undefined || this.security.database.adapter.readBool(user.disabled))
      throw tokenInvalid('account');
    const next = randomToken();
    const result = await this.db
      .updateTable('sessions')
      .set({ refresh_hash: hashToken(next), previous_hash: hash, last_used_at: nowIso(), ip: meta.ip })
      .where('id', '=', session.id)
      .where('refresh_hash', '=', hash)
      .executeTakeFirst();
    // Lost a race with a concurrent refresh of the same token.
    if (Number(result.numUpdatedRows) === 0) throw tokenInvalid('refresh token');
    const access = await this.security.signer.sign(session.user_id, session.id);
    return {
      sessionId: session.id,
      userId: session.user_id,
      accessToken: access.token,
      accessTokenExpiresAt: access.expiresAt,
      refreshToken: next,
      refreshExpiresAt: new Date(session.expires_at),
    };
  }

  async revokeSession(sessionId: string, userId?: string): Promise<boolean> {
    let query = this.db
      .updateTable('sessions')
      .set({ revoked_at: nowIso() })
      .where('id', '=', sessionId)
      .where('revoked_at', 'is', null);
    if (userId !== undefined) query = query.where('user_id', '=', userId);
    const result = await query.executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }

  async revokeAllSessions(userId: string, except?: string): Promise<void> {
    let query = this.db
      .updateTable('sessions')
      .set({ revoked_at: nowIso() })
      .where('user_id', '=', userId)
      .where('revoked_at', 'is', null);
    if (except !== undefined) query = query.where('id', '!=', except);
    await query.execute();
  }

  async listSessions(userId: string) {
    return this.db
      .selectFrom('sessions')
      .selectAll()
      .where('user_id', '=', userId)
      .where('revoked_at', 'is', null)
      .where('expires_at', '>', nowIso())
      .orderBy('last_used_at', 'desc')
      .execute();
  }

  async setPassword(userId: string, password: string, email: string): Promise<void> {
    await assertStrongPassword(password, email, 'newPassword');
    await this.db
      .updateTable('users')
      .set({
        password_hash: await hashPassword(password),
        updated_at: nowIso(),
      })
      .where('id', '=', userId)
      .execute();
  }

  async changePassword(userId: string, current: string, next: string, keepSession?: string): Promise<void> {
    const user = await this.get(userId);
    if (user === undefined || !(await verifyPassword(user.password_hash, current))) {
      throw new GuixuError(AuthCodes.invalidCredentials, 'The current password is wrong', {
        details: { field: 'currentPassword' },
      });
    }
    await this.setPassword(userId, next, user.email);
    await this.revokeAllSessions(userId, keepSession);
  }

  /** A one-time token for a reset or an invitation; only its hash is stored. */
  async issuePasswordToken(userId: string, purpose: 'reset' | 'invite'): Promise<string> {
    const token = randomToken();
    const now = Date.now();
    await this.db
      .insertInto('password_tokens')
      .values({
        token_hash: hashToken(token),
        user_id: userId,
        purpose,
        expires_at: new Date(now + (purpose === 'reset' ? RESET_TTL_MS : INVITE_TTL_MS)).toISOString(),
        used_at: null,
        created_at: new Date(now).toISOString(),
      })
      .execute();
    return token;
  }

  /** Uses a reset/invite token once: sets the password, signs out every session. */
  async resetPassword(token: string, password: string): Promise<UserRow> {
    const hash = hashToken(token);
    const row = await this.db
      .selectFrom('password_tokens')
      .selectAll()
      .where('token_hash', '=', hash)
      .executeTakeFirst();
    if (row === undefined || row.used_at !== null || Date.parse(row.expires_at) <= Date.now()) {
      throw tokenInvalid('reset link');
    }
    const user = await this.get(row.user_id);
    if (user === undefined) throw tokenInvalid('reset link');
    await assertStrongPassword(password, user.email);
    const claimed = await this.db
      .updateTable('password_tokens')
      .set({ used_at: nowIso() })
      .where('token_hash', '=', hash)
      .where('used_at', 'is', null)
      .executeTakeFirst();
    if (Number(claimed.numUpdatedRows) === 0) throw tokenInvalid('reset link');
    await this.setPassword(user.id, password, user.email);
    await this.revokeAllSessions(user.id);
    return user;
  }
}

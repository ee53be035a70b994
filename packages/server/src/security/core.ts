import { GuixuError } from '@guixu/core';
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Database } from '../db/dialect.ts';
import { nowIso } from '../ids.ts';
import { loadActor } from './actor.ts';
import { ACCESS_COOKIE, CSRF_COOKIE, CSRF_HEADER, csrfTokenFor, readCookie } from './cookies.ts';
import { Cipher } from './encryption.ts';
import { AuthCodes, tokenInvalid } from './errors.ts';
import type { InstanceKey } from './instance-key.ts';
import { ALL_SCOPES, type Actor, type Scope } from './policy.ts';
import { RequestLimiter } from './rate-limit.ts';
import type { SecuritySettings } from './settings.ts';
import { type SecurityDb, securityDb } from './tables.ts';
import { AccessTokenSigner, hashToken, safeEqual } from './tokens.ts';

export const API_KEY_PREFIX = 'gx_';
const CANARY_KEY = 'encryption.canary';
const CANARY_TEXT = 'guixu-encryption-canary';
const MUTATING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
/** last_used_at is written at most this often per key, so busy scripts do not write on every call. */
const KEY_USE_WRITE_INTERVAL_MS = 60_000;

const scopesSchema = z.array(z.enum(ALL_SCOPES as [Scope, ...Scope[]]));

export interface ApiKeyUse {
  actor: Actor;
  request: FastifyRequest;
}

/**
 * Keys, token signing and request authentication, shared by every feature
 * (`ctx.services.get('security')`).
 */
export class SecurityCore {
  readonly cipher: Cipher;
  readonly signer: AccessTokenSigner;
  readonly db: SecurityDb;
  /** Per-address limits the auth routes check (bound to @fastify/rate-limit when the app is built). */
  readonly limiters: { login: RequestLimiter; reset: RequestLimiter };
  /** Key of the session-bound CSRF tokens (`csrfTokenFor`). */
  readonly csrfKey: Buffer;
  /** Called when an API key is used (at most once a minute per key); the audit feature records it. */
  onApiKeyUse: ((use: ApiKeyUse) => Promise<void>) | undefined;
  /** Set by the SSO feature: whether OIDC sign-in is configured and enabled. */
  ssoEnabled: (() => Promise<boolean>) | undefined;

  constructor(
    readonly database: Database,
    readonly instanceKey: InstanceKey,
    readonly settings: SecuritySettings,
  ) {
    this.cipher = new Cipher(instanceKey.key);
    this.signer = new AccessTokenSigner(this.cipher.derive('access-token'), settings.accessTokenTtlSeconds);
    this.db = securityDb(database);
    this.limiters = {
      login: new RequestLimiter('sign-in', settings.loginRateLimit),
      reset: new RequestLimiter('password reset', settings.resetRateLimit),
    };
    this.csrfKey = this.cipher.derive('csrf');
  }

  /**
   * Refuses to start with a key that cannot read this database's secrets;
   * on a fresh database records which key encrypts it.
   */
  async verifyKeyMatchesDatabase(): Promise<void> {
    const row = await this.db
      .selectFrom('instance_settings')
      .select('value')
      .where('key', '=', CANARY_KEY)
      .executeTakeFirst();
    if (row === undefined) {
      const value = this.database.adapter.json({ envelope: this.cipher.encrypt(CANARY_TEXT) });
      await this.db
        .insertInto('instance_settings')
        .values({ key: CANARY_KEY, value, updated_at: nowIso() })
        .onConflict((oc) => oc.column('key').doNothing())
        .execute();
      return;
    }
    const stored = z.object({ envelope: z.string() }).safeParse(this.database.adapter.readJson(row.value));
    let ok = false;
    try {
      ok = stored.success && this.cipher.decrypt(stored.data.envelope) === CANARY_TEXT;
    } catch {
      ok = false;
    }
    if (!ok) {
      const usedKey = stored.success ? stored.data.envelope.split('.')[1] : 'unknown';
      throw new GuixuError(
        'ENCRYPTION_KEY_MISMATCH',
        `The encryption key from ${this.instanceKey.source} (key id ${this.cipher.keyId}) cannot decrypt the ` +
          `credentials in this database, which were encrypted with key id ${usedKey}. Restore the original ` +
          'encryption.key file in the data directory or set GUIXU_ENCRYPTION_KEY to the original key.',
        { audience: 'operator', details: { configured: this.cipher.keyId, expected: usedKey } },
      );
    }
  }

  /** The caller, or undefined when the request carries no credentials. Bad credentials throw 401/403. */
  async authenticate(request: FastifyRequest): Promise<Actor | undefined> {
    if (request.actor !== undefined) return request.actor;
    const actor = await this.resolve(request);
    if (actor !== undefined) request.actor = actor;
    return actor;
  }

  private async resolve(request: FastifyRequest): Promise<Actor | undefined> {
    const header = request.headers.authorization;
    const apiKeyHeader = request.headers['x-api-key'];
    if (typeof apiKeyHeader === 'string' && apiKeyHeader !== '')
      return this.fromApiKey(apiKeyHeader, request);
    if (typeof header === 'string' && header !== '') {
      const match = /^Bearer\s+(\S+)$/i.exec(header.trim());
      if (match === null) throw tokenInvalid('Authorization header (expected "Bearer <token>")');
      const token = match[1];
      return token.startsWith(API_KEY_PREFIX) ? this.fromApiKey(token, request) : this.fromAccessToken(token);
    }
    const cookie = readCookie(request, ACCESS_COOKIE);
    if (cookie === undefined || cookie === '') return undefined;
    const actor = await this.fromAccessToken(cookie);
    // Cookies ride along on cross-site requests; a mutation must prove it came from our page.
    if (MUTATING.has(request.method)) this.checkCsrf(request, actor.sessionId);
    return actor;
  }

  /** The header must carry this session's token: a planted cookie or another session's token is refused. */
  private checkCsrf(request: FastifyRequest, sessionId: string | undefined): void {
    const header = request.headers[CSRF_HEADER];
    if (
      sessionId === undefined ||
      typeof header !== 'string' ||
      !safeEqual(csrfTokenFor(this.csrfKey, sessionId), header)
    ) {
      throw new GuixuError(
        AuthCodes.csrf,
        `Cookie-authenticated changes need the "${CSRF_HEADER}" header set to the "${CSRF_COOKIE}" cookie`,
      );
    }
  }

  private async fromAccessToken(token: string): Promise<Actor> {
    const claims = await this.signer.verify(token);
    if (claims === undefined) throw tokenInvalid('access token');
    const session = await this.db
      .selectFrom('sessions')
      .select(['id', 'user_id', 'revoked_at', 'expires_at'])
      .where('id', '=', claims.sid)
      .executeTakeFirst();
    if (
      session === undefined ||
      session.revoked_at !== null ||
      session.user_id !== claims.sub ||
      Date.parse(session.expires_at) <= Date.now()
    ) {
      throw tokenInvalid('session');
    }
    const actor = await loadActor(this.db, claims.sub, { sessionId: session.id });
    if (actor === undefined) throw tokenInvalid('account');
    return actor;
  }

  private async fromApiKey(text: string, request: FastifyRequest): Promise<Actor> {
    const match = /^gx_([0-9a-f]{16})_([\w-]{20,})$/.exec(text.trim());
    if (match === null) throw tokenInvalid('API key');
    const row = await this.db
      .selectFrom('api_keys')
      .selectAll()
      .where('id', '=', match[1])
      .executeTakeFirst();
    if (
      row === undefined ||
      !safeEqual(row.secret_hash, hashToken(match[2])) ||
      row.revoked_at !== null ||
      (row.expires_at !== null && Date.parse(row.expires_at) <= Date.now())
    ) {
      throw tokenInvalid('API key');
    }
    const scopes = scopesSchema.safeParse(this.database.adapter.readJson(row.scopes));
    const actor = await loadActor(this.db, row.user_id, {
      kind: 'apiKey',
      apiKeyId: row.id,
      scopes: new Set(scopes.success ? scopes.data : []),
    });
    if (actor === undefined) throw tokenInvalid('API key');
    if (row.last_used_at === null || Date.now() - Date.parse(row.last_used_at) > KEY_USE_WRITE_INTERVAL_MS) {
      await this.db
        .updateTable('api_keys')
        .set({ last_used_at: nowIso() })
        .where('id', '=', row.id)
        .execute();
      await this.onApiKeyUse?.({ actor, request });
    }
    return actor;
  }
}

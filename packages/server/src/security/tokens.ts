import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';

/** 32 random bytes, URL-safe: refresh tokens, reset tokens, API key secrets, CSRF tokens. */
export function randomToken(bytes = 32): string {
  return randomBytes(bytes).toString('base64url');
}

/** Tokens are high-entropy, so a plain SHA-256 is enough to store them (no salt, no slow hash). */
export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export function safeEqual(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

const claimsSchema = z.object({
  sub: z.string(),
  sid: z.string(),
  iat: z.number().int(),
  exp: z.number().int(),
});
export type AccessClaims = z.infer<typeof claimsSchema>;

const HEADER = Buffer.from(JSON.stringify({ alg: 'HS256', typ: 'JWT' })).toString('base64url');

/** Compact HS256 JWTs for short-lived access tokens. */
export class AccessTokenSigner {
  constructor(
    private readonly key: Buffer,
    readonly ttlSeconds: number,
  ) {}

  sign(subject: string, sessionId: string, nowMs = Date.now()): { token: string; expiresAt: Date } {
    const iat = Math.floor(nowMs / 1000);
    const exp = iat + this.ttlSeconds;
    const payload = Buffer.from(JSON.stringify({ sub: subject, sid: sessionId, iat, exp })).toString(
      'base64url',
    );
    const signature = this.mac(`${HEADER}.${payload}`);
    return { token: `${HEADER}.${payload}.${signature}`, expiresAt: new Date(exp * 1000) };
  }

  /** The claims of a valid, unexpired token; undefined for anything forged, tampered or expired. */
  verify(token: string, nowMs = Date.now()): AccessClaims | undefined {
    const parts = token.split('.');
    if (parts.length !== 3 || parts[0] !== HEADER) return undefined;
    if (!safeEqual(this.mac(`${parts[0]}.${parts[1]}`), parts[2])) return undefined;
    let decoded: unknown;
    try {
      decoded = JSON.parse(Buffer.from(parts[1], 'base64url').toString('utf8'));
    } catch {
      return undefined;
    }
    const claims = claimsSchema.safeParse(decoded);
    if (!claims.success || claims.data.exp * 1000 <= nowMs) return undefined;
    return claims.data;
  }

  private mac(input: string): string {
    return createHmac('sha256', this.key).update(input).digest('base64url');
  }
}

import { createHash, createPublicKey, type JsonWebKeyInput, verify as verifySignature } from 'node:crypto';

type JsonWebKey = JsonWebKeyInput['key'];
import { GuixuError } from '@guixu/core';
import { z } from 'zod';
import { AuthCodes } from '../../security/errors.ts';

const discoverySchema = z.object({
  issuer: z.string(),
  authorization_endpoint: z.string(),
  token_endpoint: z.string(),
  jwks_uri: z.string(),
  userinfo_endpoint: z.string().optional(),
});
export type Discovery = z.infer<typeof discoverySchema>;

const jwksSchema = z.object({ keys: z.array(z.record(z.string(), z.unknown())) });
const tokenSchema = z.object({ id_token: z.string(), access_token: z.string().optional() });
const headerSchema = z.object({ alg: z.string(), kid: z.string().optional() });
const claimsSchema = z
  .object({
    iss: z.string(),
    sub: z.string(),
    aud: z.union([z.string(), z.array(z.string())]),
    exp: z.number(),
    iat: z.number().optional(),
    nonce: z.string().optional(),
  })
  .passthrough();
export type IdClaims = z.infer<typeof claimsSchema>;

const ALGORITHMS: Record<string, { hash: string; pss?: boolean }> = {
  RS256: { hash: 'sha256' },
  RS384: { hash: 'sha384' },
  RS512: { hash: 'sha512' },
  PS256: { hash: 'sha256', pss: true },
  ES256: { hash: 'sha256' },
  ES384: { hash: 'sha384' },
};
const CLOCK_SKEW_S = 60;

export function ssoFailed(message: string, cause?: unknown): GuixuError {
  return new GuixuError(
    AuthCodes.ssoFailed,
    `Single sign-on failed: ${message}`,
    cause === undefined ? {} : { cause },
  );
}

async function getJson(url: string, init?: RequestInit): Promise<unknown> {
  let response: Response;
  try {
    response = await fetch(url, { ...init, signal: AbortSignal.timeout(10_000) });
  } catch (error) {
    throw ssoFailed(`cannot reach ${url}`, error);
  }
  const text = await response.text();
  if (!response.ok) throw ssoFailed(`${url} answered HTTP ${response.status}: ${text.slice(0, 200)}`);
  try {
    return JSON.parse(text);
  } catch (error) {
    throw ssoFailed(`${url} did not answer JSON`, error);
  }
}

export function pkceChallenge(verifier: string): string {
  return createHash('sha256').update(verifier).digest('base64url');
}

/** A relying party for one provider: discovery and keys are cached per instance. */
export class OidcClient {
  private discovery: Promise<Discovery> | undefined;
  private jwks: Promise<Record<string, unknown>[]> | undefined;

  constructor(
    readonly discoveryUrl: string,
    readonly clientId: string,
    private readonly clientSecret: string,
  ) {}

  getDiscovery(): Promise<Discovery> {
    this.discovery ??= getJson(this.discoveryUrl).then((json) => {
      const parsed = discoverySchema.safeParse(json);
      if (!parsed.success) throw ssoFailed('the discovery document lacks issuer, endpoints or jwks_uri');
      return parsed.data;
    });
    this.discovery.catch(() => {
      this.discovery = undefined;
    });
    return this.discovery;
  }

  async authorizationUrl(options: {
    redirectUri: string;
    scopes: string;
    state: string;
    nonce: string;
    verifier: string;
  }) {
    const d = await this.getDiscovery();
    const url = new URL(d.authorization_endpoint);
    url.searchParams.set('response_type', 'code');
    url.searchParams.set('client_id', this.clientId);
    url.searchParams.set('redirect_uri', options.redirectUri);
    url.searchParams.set('scope', options.scopes);
    url.searchParams.set('state', options.state);
    url.searchParams.set('nonce', options.nonce);
    url.searchParams.set('code_challenge', pkceChallenge(options.verifier));
    url.searchParams.set('code_challenge_method', 'S256');
    return url.toString();
  }

  /** Exchanges the code and returns the verified ID-token claims merged with userinfo. */
  async finish(options: {
    code: string;
    redirectUri: string;
    verifier: string;
    nonce: string;
  }): Promise<Record<string, unknown>> {
    const d = await this.getDiscovery();
    const body = new URLSearchParams({
      grant_type: 'authorization_code',
      code: options.code,
      redirect_uri: options.redirectUri,
      code_verifier: options.verifier,
    });
    const basic = Buffer.from(
      `${encodeURIComponent(this.clientId)}:${encodeURIComponent(this.clientSecret)}`,
    ).toString('base64');
    const token = tokenSchema.safeParse(
      await getJson(d.token_endpoint, {
        method: 'POST',
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          authorization: `Basic ${basic}`,
          accept: 'application/json',
        },
        body,
      }),
    );
    if (!token.success) throw ssoFailed('the token endpoint returned no id_token');
    const claims = await this.verifyIdToken(token.data.id_token, d, options.nonce);
    if (d.userinfo_endpoint === undefined || token.data.access_token === undefined) return claims;
    const info = z.record(z.string(), z.unknown()).safeParse(
      await getJson(d.userinfo_endpoint, {
        headers: { authorization: `Bearer ${token.data.access_token}` },
      }),
    );
    // The ID token's subject wins: userinfo only adds claims, never changes who it is.
    return info.success && info.data.sub === claims.sub ? { ...info.data, ...claims } : claims;
  }

  private async keys(refresh = false): Promise<Record<string, unknown>[]> {
    if (refresh) this.jwks = undefined;
    this.jwks ??= this.getDiscovery().then(async (d) => {
      const parsed = jwksSchema.safeParse(await getJson(d.jwks_uri));
      if (!parsed.success) throw ssoFailed('the JWKS document is malformed');
      return parsed.data.keys;
    });
    return this.jwks;
  }

  async verifyIdToken(idToken: string, d: Discovery, nonce: string): Promise<IdClaims> {
    const parts = idToken.split('.');
    if (parts.length !== 3) throw ssoFailed('the ID token is not a JWT');
    const decode = (part: string): unknown => {
      try {
        return JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
      } catch {
        return undefined;
      }
    };
    const header = headerSchema.safeParse(decode(parts[0]));
    if (!header.success) throw ssoFailed('the ID token header is malformed');
    const alg = ALGORITHMS[header.data.alg];
    if (alg === undefined) throw ssoFailed(`ID token algorithm ${header.data.alg} is not accepted`);
    const pick = (keys: Record<string, unknown>[]) =>
      keys.find(
        (k) =>
          (header.data.kid === undefined || k.kid === header.data.kid) &&
          (k.use === undefined || k.use === 'sig'),
      );
    // Providers rotate keys: an unknown kid refetches the set once.
    const jwk = pick(await this.keys()) ?? pick(await this.keys(true));
    if (jwk === undefined) throw ssoFailed('no provider key matches the ID token');
    let ok = false;
    try {
      const key = createPublicKey({ key: jwkOf(jwk), format: 'jwk' });
      const signed = Buffer.from(`${parts[0]}.${parts[1]}`);
      const signature = Buffer.from(parts[2], 'base64url');
      ok = header.data.alg.startsWith('ES')
        ? verifySignature(alg.hash, signed, { key, dsaEncoding: 'ieee-p1363' }, signature)
        : alg.pss
          ? verifySignature(alg.hash, signed, { key, padding: 6, saltLength: 32 }, signature)
          : verifySignature(alg.hash, signed, key, signature);
    } catch (error) {
      throw ssoFailed('the ID token signature could not be checked', error);
    }
    if (!ok) throw ssoFailed('the ID token signature is invalid');
    const claims = claimsSchema.safeParse(decode(parts[1]));
    if (!claims.success) throw ssoFailed('the ID token claims are malformed');
    const c = claims.data;
    const now = Date.now() / 1000;
    if (c.iss !== d.issuer) throw ssoFailed(`the ID token comes from ${c.iss}, expected ${d.issuer}`);
    const audience = Array.isArray(c.aud) ? c.aud : [c.aud];
    if (!audience.includes(this.clientId)) throw ssoFailed('the ID token is for another client');
    if (c.exp + CLOCK_SKEW_S < now) throw ssoFailed('the ID token has expired');
    if (c.nonce !== nonce) throw ssoFailed('the ID token nonce does not match this sign-in');
    return c;
  }
}

function jwkOf(value: Record<string, unknown>): JsonWebKey {
  const text = (name: string) => (typeof value[name] === 'string' ? { [name]: value[name] } : {});
  return { ...text('kty'), ...text('n'), ...text('e'), ...text('crv'), ...text('x'), ...text('y') };
}

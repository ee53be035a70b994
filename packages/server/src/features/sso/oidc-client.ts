import { GuixuError } from '@guixu/core';
import * as oidc from 'openid-client';
import { AuthCodes } from '../../security/errors.ts';

export function ssoFailed(message: string, cause?: unknown): GuixuError {
  return new GuixuError(
    AuthCodes.ssoFailed,
    `Single sign-on failed: ${message}`,
    cause === undefined ? {} : { cause },
  );
}

const WELL_KNOWN = '/.well-known/openid-configuration';
const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]']);

/**
 * The issuer a discovery URL names. Discovering from the issuer (not the document's URL)
 * makes openid-client check that the document's `issuer` is that same issuer.
 */
export function issuerOf(discoveryUrl: string): URL {
  const url = new URL(discoveryUrl);
  if (url.pathname.endsWith(WELL_KNOWN)) {
    url.pathname = url.pathname.slice(0, -WELL_KNOWN.length) || '/';
    url.search = '';
  }
  return url;
}

async function library<T>(what: string, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    if (error instanceof GuixuError) throw error;
    throw ssoFailed(`${what}: ${error instanceof Error ? error.message : String(error)}`, error);
  }
}

/**
 * A relying party for one provider, on openid-client: discovery (with its issuer
 * check) and keys are cached per instance; the ID token's signature, `iss`, `aud`,
 * `azp`, `exp`, `iat` and `nonce` are checked by the library, with any algorithm the
 * provider advertises (RS*, PS*, ES*, EdDSA). Plain HTTP is allowed for loopback
 * providers only.
 */
export class OidcClient {
  private config: Promise<oidc.Configuration> | undefined;

  constructor(
    readonly discoveryUrl: string,
    readonly clientId: string,
    private readonly clientSecret: string,
  ) {}

  private configuration(): Promise<oidc.Configuration> {
    this.config ??= library('discovery', async () => {
      const issuer = issuerOf(this.discoveryUrl);
      const config = await oidc.discovery(
        issuer,
        this.clientId,
        undefined,
        oidc.ClientSecretBasic(this.clientSecret),
        LOOPBACK.has(issuer.hostname) ? { execute: [oidc.allowInsecureRequests] } : {},
      );
      // Verify ID-token signatures against the provider's keys even though they come from the token endpoint.
      oidc.enableNonRepudiationChecks(config);
      return config;
    });
    this.config.catch(() => {
      this.config = undefined;
    });
    return this.config;
  }

  async authorizationUrl(options: {
    redirectUri: string;
    scopes: string;
    state: string;
    nonce: string;
    verifier: string;
  }): Promise<string> {
    const config = await this.configuration();
    return oidc
      .buildAuthorizationUrl(config, {
        redirect_uri: options.redirectUri,
        scope: options.scopes,
        state: options.state,
        nonce: options.nonce,
        code_challenge: await oidc.calculatePKCECodeChallenge(options.verifier),
        code_challenge_method: 'S256',
      })
      .toString();
  }

  /** Exchanges the code of `callbackUrl` and returns the verified ID-token claims merged with userinfo. */
  async finish(options: {
    callbackUrl: URL;
    state: string;
    verifier: string;
    nonce: string;
  }): Promise<Record<string, unknown>> {
    const config = await this.configuration();
    const tokens = await library('the code exchange', () =>
      oidc.authorizationCodeGrant(config, options.callbackUrl, {
        pkceCodeVerifier: options.verifier,
        expectedState: options.state,
        expectedNonce: options.nonce,
        idTokenExpected: true,
      }),
    );
    const claims = tokens.claims();
    if (claims === undefined) throw ssoFailed('the token endpoint returned no id_token');
    if (config.serverMetadata().userinfo_endpoint === undefined) return { ...claims };
    // The library refuses userinfo for another subject; the ID token's claims win over userinfo's.
    const info = await library('userinfo', () => oidc.fetchUserInfo(config, tokens.access_token, claims.sub));
    return { ...info, ...claims };
  }
}

import {
  type CredentialTypeDefinition,
  NodeOperationError,
  type NodeRunContext,
  type ParamShape,
  type ParamsOf,
} from '@guixu/core';
import httpBasicAuth from '../credentials/http-basic-auth.credentials.ts';
import httpBearerAuth from '../credentials/http-bearer-auth.credentials.ts';
import httpCustomAuth from '../credentials/http-custom-auth.credentials.ts';
import httpDigestAuth from '../credentials/http-digest-auth.credentials.ts';
import httpHeaderAuth from '../credentials/http-header-auth.credentials.ts';
import httpQueryAuth from '../credentials/http-query-auth.credentials.ts';
import oAuth2Api from '../credentials/o-auth2-api.credentials.ts';
import { readStoredToken } from '../credentials/oauth2-token-data.ts';
import { readCredentialData } from '../credentials/credential-data.ts';
import { customAuth, parseCustomAuth } from './custom-auth.ts';
import { digestAuth } from './digest-authenticator.ts';
import { OAuth2Session, type TokenRequestOptions } from './oauth2.ts';
import type { HttpRequestParams, RequestSpec } from './request-spec.ts';
import { setHeader } from './request-spec.ts';
import { predefinedAuthenticator } from './predefined/authenticator.ts';
import oAuth1Api from '../credentials/o-auth1-api.credentials.ts';
import { oauth1Auth } from './predefined/oauth1.ts';

/** Adds credentials to requests; OAuth2 may fetch a new token after a 401. */
export interface Authenticator {
  apply(spec: RequestSpec): Promise<void>;
  /** Headers that depend on the final request line (Digest signs method and URI). */
  authorizeRequest?(method: string, url: string, headers: Record<string, string>): void;
  /** Called once after a 401; true when a retry with fresh credentials makes sense. */
  refreshAfterUnauthorized(
    spec: RequestSpec,
    responseHeaders: Record<string, string | string[]>,
  ): Promise<boolean>;
  /** Secret values to keep out of messages. */
  readonly secrets: string[];
}

const none: Authenticator = {
  apply: async () => {},
  refreshAfterUnauthorized: async () => false,
  secrets: [],
};

/** Validates decrypted credential data against the fields its type declares. */
export function parseCredential<S extends ParamShape>(
  type: CredentialTypeDefinition<S>,
  data: Record<string, unknown>,
  nodeName: string,
): ParamsOf<S> {
  const result = readCredentialData(type, data);
  if (result.ok) return result.data;
  throw new NodeOperationError(nodeName, result.message, {
    details: { code: 'HTTP_CREDENTIAL_INVALID', credentialType: type.name },
  });
}

function basic(user: string, password: string): string {
  return `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;
}

/** Loads the node's credential once per run and returns how to apply it. */
export async function createAuthenticator(
  ctx: NodeRunContext<HttpRequestParams>,
  params: HttpRequestParams,
  tokenOptions: TokenRequestOptions,
): Promise<Authenticator> {
  const nodeName = ctx.node.name;
  if (params.authentication === 'none') return none;
  if (params.authentication === 'predefinedCredentialType') {
    return predefinedAuthenticator(ctx, params, tokenOptions);
  }
  const slot = params.genericAuthType;
  const load = async () => ctx.credentials(slot);
  switch (slot) {
    case 'httpBasicAuth': {
      const c = parseCredential(httpBasicAuth, await load(), nodeName);
      const header = basic(c.user, c.password);
      return staticAuth((spec) => setHeader(spec.headers, 'authorization', header), [c.password]);
    }
    case 'httpHeaderAuth': {
      const c = parseCredential(httpHeaderAuth, await load(), nodeName);
      return staticAuth((spec) => setHeader(spec.headers, c.name, c.value), [c.value]);
    }
    case 'httpQueryAuth': {
      const c = parseCredential(httpQueryAuth, await load(), nodeName);
      return staticAuth(
        (spec) => {
          spec.qs[c.name] = c.value;
        },
        [c.value],
      );
    }
    case 'httpBearerAuth': {
      const c = parseCredential(httpBearerAuth, await load(), nodeName);
      return staticAuth((spec) => setHeader(spec.headers, 'authorization', `Bearer ${c.token}`), [c.token]);
    }
    case 'httpDigestAuth': {
      const c = parseCredential(httpDigestAuth, await load(), nodeName);
      return digestAuth(c.user, c.password);
    }
    case 'httpCustomAuth': {
      const c = parseCredential(httpCustomAuth, await load(), nodeName);
      return customAuth(parseCustomAuth(c.json, nodeName));
    }
    case 'oAuth1Api':
      return oauth1Auth(parseCredential(oAuth1Api, await load(), nodeName));
    case 'oAuth2Api': {
      const c = parseCredential(oAuth2Api, await load(), nodeName);
      if (c.grantType === 'clientCredentials') {
        return oauth2Auth(new OAuth2Session(c, tokenOptions), [c.clientSecret]);
      }
      // Authorization code / PKCE: the server connected the credential and refreshes its token.
      const stored = readStoredToken(c.oauthTokenData, {
        nodeName,
        credentialName: ctx.node.credentials?.[slot]?.name,
        now: tokenOptions.now,
      });
      return staticAuth(
        (spec) => setHeader(spec.headers, 'authorization', `Bearer ${stored.accessToken}`),
        [...stored.secrets, c.clientSecret],
      );
    }
  }
}

function staticAuth(apply: (spec: RequestSpec) => void, secrets: string[]): Authenticator {
  return {
    apply: async (spec) => apply(spec),
    refreshAfterUnauthorized: async () => false,
    secrets: secrets.filter((s) => s.length > 0),
  };
}

function oauth2Auth(session: OAuth2Session, secrets: string[]): Authenticator {
  const tokens: string[] = [];
  const use = (spec: RequestSpec, token: string) => {
    if (!tokens.includes(token)) tokens.push(token);
    setHeader(spec.headers, 'authorization', `Bearer ${token}`);
  };
  const sent = new WeakMap<RequestSpec, string>();
  return {
    async apply(spec) {
      const token = await session.token();
      sent.set(spec, token);
      use(spec, token);
    },
    async refreshAfterUnauthorized(spec) {
      const rejected = sent.get(spec);
      if (rejected === undefined) return false;
      const token = await session.refresh(rejected);
      sent.set(spec, token);
      use(spec, token);
      return true;
    },
    get secrets() {
      return [...secrets.filter((s) => s.length > 0), ...tokens];
    },
  };
}

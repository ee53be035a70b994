import { NodeOperationError, type NodeRunContext } from '@guixu/core';
import { readStoredToken } from '../../credentials/oauth2-token-data.ts';
import { authHeaders } from '../../credentials/service-auth.ts';
import { type Authenticator, parseCredential } from '../auth.ts';
import { OAuth2Session, type TokenRequestOptions } from '../oauth2.ts';
import type { HttpRequestParams, RequestSpec } from '../request-spec.ts';
import { setHeader } from '../request-spec.ts';
import { oauth1Auth } from './oauth1.ts';
import { PREDEFINED_AUTH, PREDEFINED_CREDENTIAL_TYPES } from './registry.ts';

function fixed(apply: (spec: RequestSpec) => void, secrets: string[]): Authenticator {
  return {
    apply: async (spec) => apply(spec),
    refreshAfterUnauthorized: async () => false,
    secrets: secrets.filter((s) => s.length > 0),
  };
}

/** "Predefined Credential Type": the service credential named by `nodeCredentialType`. */
export async function predefinedAuthenticator(
  ctx: NodeRunContext<HttpRequestParams>,
  params: HttpRequestParams,
  tokenOptions: TokenRequestOptions,
): Promise<Authenticator> {
  const nodeName = ctx.node.name;
  const slot = params.nodeCredentialType.trim();
  const entry = PREDEFINED_AUTH[slot];
  if (!entry) {
    throw new NodeOperationError(
      nodeName,
      slot === ''
        ? 'No predefined credential type is selected'
        : `Predefined credential type "${slot}" is not supported yet`,
      {
        parameter: 'nodeCredentialType',
        description: `Supported: ${PREDEFINED_CREDENTIAL_TYPES.join(', ')}. Otherwise use "Generic Credential Type" (Header, Bearer, Query, Basic, OAuth1 or OAuth2).`,
        details: { code: 'HTTP_CREDENTIAL_TYPE_UNSUPPORTED', credentialType: slot },
      },
    );
  }
  const data = await ctx.credentials(slot);
  switch (entry.kind) {
    case 'static': {
      const auth = entry.authenticate(parseCredential(entry.type, data, nodeName));
      const headers = authHeaders(auth);
      return fixed((spec) => {
        for (const [name, value] of Object.entries(headers)) setHeader(spec.headers, name, value);
        Object.assign(spec.qs, auth.qs);
      }, auth.secrets);
    }
    case 'oauth1':
      return oauth1Auth(parseCredential(entry.type, data, nodeName));
    case 'oauth2': {
      const c = parseCredential(entry.type, data, nodeName);
      if (c.grantType === 'clientCredentials') {
        const session = new OAuth2Session(c, tokenOptions);
        const token = await session.token();
        return fixed(
          (spec) => setHeader(spec.headers, 'authorization', `Bearer ${token}`),
          [c.clientSecret, token],
        );
      }
      const stored = readStoredToken(c.oauthTokenData, {
        nodeName,
        credentialName: ctx.node.credentials?.[slot]?.name,
        now: tokenOptions.now,
      });
      return fixed(
        (spec) => setHeader(spec.headers, 'authorization', `Bearer ${stored.accessToken}`),
        [...stored.secrets, c.clientSecret],
      );
    }
  }
}

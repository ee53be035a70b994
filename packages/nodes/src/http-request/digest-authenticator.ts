import type { Authenticator } from './auth.ts';
import { type DigestChallenge, digestAuthorization, parseDigestChallenge } from './digest-auth.ts';
import { setHeader } from './request-spec.ts';

/**
 * Digest auth for a node run: the first request gets the server's challenge
 * (401), later requests reuse it with a rising nonce count until the server
 * sends a new one.
 */
export function digestAuth(user: string, password: string): Authenticator {
  let challenge: DigestChallenge | undefined;
  let count = 0;
  return {
    apply: async () => {},
    authorizeRequest(method, url, headers) {
      if (!challenge) return;
      count++;
      const target = new URL(url);
      const uri = `${target.pathname}${target.search}`;
      setHeader(
        headers,
        'authorization',
        digestAuthorization({ challenge, user, password, method, uri, count }),
      );
    },
    async refreshAfterUnauthorized(_spec, responseHeaders) {
      const next = parseDigestChallenge(responseHeaders['www-authenticate']);
      if (!next) return false;
      const stale = /\bstale\s*=\s*"?true/i.test(String(responseHeaders['www-authenticate']));
      // Same nonce and not stale: the server rejected the password itself.
      if (challenge && challenge.nonce === next.nonce && !stale) return false;
      challenge = next;
      count = 0;
      return true;
    },
    secrets: password ? [password] : [],
  };
}

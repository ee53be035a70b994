import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { startServer } from '../../http-request/test-support/servers.ts';

/**
 * A real OAuth 1.0a service provider on 127.0.0.1 for tests: request token,
 * authorization (approves at once, as if the user clicked "Allow"), access
 * token and one protected resource. Signatures are checked here by hand after
 * RFC 5849 §3.4, independently of the `oauth-1.0a` library the client signs with.
 */
export interface OAuth1Provider {
  url: string;
  consumerKey: string;
  consumerSecret: string;
  /** `METHOD /path` of every request, in order. */
  calls: string[];
  /** Access tokens issued so far, for asserting they never leak. */
  issued: { token: string; secret: string }[];
  close(): Promise<void>;
}

const HASH: Record<string, string> = {
  'HMAC-SHA1': 'sha1',
  'HMAC-SHA256': 'sha256',
  'HMAC-SHA512': 'sha512',
};
const CLOCK_SKEW_S = 300;

/** RFC 3986 unreserved characters stay, everything else is %XX (RFC 5849 §3.6). */
function enc(text: string): string {
  return encodeURIComponent(text).replace(
    /[!'()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}

/** `OAuth realm="…", oauth_…="…"` (RFC 5849 §3.5.1). */
function headerParams(header: string | undefined): Map<string, string> | undefined {
  if (!header?.startsWith('OAuth ')) return undefined;
  const params = new Map<string, string>();
  for (const m of header.slice(6).matchAll(/([A-Za-z_]+)="([^"]*)"/g)) {
    params.set(m[1] ?? '', decodeURIComponent(m[2] ?? ''));
  }
  return params;
}

function signatureOf(
  req: IncomingMessage,
  url: URL,
  body: Buffer,
  oauth: Map<string, string>,
  secrets: { consumer: string; token: string },
): string | undefined {
  const algorithm = HASH[oauth.get('oauth_signature_method') ?? ''];
  if (algorithm === undefined) return undefined;
  const pairs: [string, string][] = [...url.searchParams];
  for (const [k, v] of oauth) if (k !== 'oauth_signature' && k !== 'realm') pairs.push([k, v]);
  if (String(req.headers['content-type']).startsWith('application/x-www-form-urlencoded')) {
    pairs.push(...new URLSearchParams(body.toString('utf8')));
  }
  const normalized = pairs
    .map(([k, v]) => [enc(k), enc(v)] as const)
    .sort(([ak, av], [bk, bv]) => (ak === bk ? (av < bv ? -1 : av > bv ? 1 : 0) : ak < bk ? -1 : 1))
    .map(([k, v]) => `${k}=${v}`)
    .join('&');
  const base = [req.method ?? 'GET', enc(`${url.origin}${url.pathname}`), enc(normalized)].join('&');
  return createHmac(algorithm, `${enc(secrets.consumer)}&${enc(secrets.token)}`)
    .update(base)
    .digest('base64');
}

function same(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

function problem(res: ServerResponse, status: number, name: string): void {
  res.writeHead(status, { 'content-type': 'application/x-www-form-urlencoded' }).end(`oauth_problem=${name}`);
}

const random = (prefix: string) => `${prefix}-${randomBytes(9).toString('base64url')}`;

export async function startOAuth1Provider(
  options: { consumerKey?: string; consumerSecret?: string } = {},
): Promise<OAuth1Provider> {
  const consumerKey = options.consumerKey ?? 'consumer-1';
  const consumerSecret = options.consumerSecret ?? 'consumer-s3cret';
  const calls: string[] = [];
  const issued: { token: string; secret: string }[] = [];
  const requestTokens = new Map<string, { secret: string; callback: string; verifier?: string }>();
  const accessTokens = new Map<string, string>();
  const nonces = new Set<string>();

  /** The checks every signed call shares; answers the refusal itself and returns undefined then. */
  function verified(
    req: IncomingMessage,
    res: ServerResponse,
    url: URL,
    body: Buffer,
    tokenSecretOf: (token: string | undefined) => string | undefined,
  ): Map<string, string> | undefined {
    const oauth = headerParams(req.headers.authorization);
    if (oauth === undefined) return void problem(res, 401, 'parameter_absent');
    if (oauth.get('oauth_consumer_key') !== consumerKey)
      return void problem(res, 401, 'consumer_key_unknown');
    const timestamp = Number(oauth.get('oauth_timestamp'));
    if (!Number.isInteger(timestamp) || Math.abs(Date.now() / 1000 - timestamp) > CLOCK_SKEW_S) {
      return void problem(res, 401, 'timestamp_refused');
    }
    const nonce = `${timestamp}:${oauth.get('oauth_nonce') ?? ''}`;
    if (!oauth.get('oauth_nonce') || nonces.has(nonce)) return void problem(res, 401, 'nonce_used');
    const tokenSecret = tokenSecretOf(oauth.get('oauth_token'));
    if (tokenSecret === undefined) return void problem(res, 401, 'token_rejected');
    const expected = signatureOf(req, url, body, oauth, { consumer: consumerSecret, token: tokenSecret });
    if (expected === undefined) return void problem(res, 400, 'signature_method_rejected');
    if (!same(expected, oauth.get('oauth_signature') ?? ''))
      return void problem(res, 401, 'signature_invalid');
    nonces.add(nonce);
    return oauth;
  }

  const server = await startServer((req, res, body) => {
    const url = new URL(req.url ?? '/', `http://${req.headers.host}`);
    calls.push(`${req.method} ${url.pathname}`);
    if (req.method === 'POST' && url.pathname === '/oauth/request_token') {
      const oauth = verified(req, res, url, body, (token) => (token === undefined ? '' : undefined));
      if (!oauth) return;
      const callback = oauth.get('oauth_callback');
      if (!callback) return problem(res, 400, 'parameter_absent');
      const token = random('rt');
      const secret = random('rts');
      requestTokens.set(token, { secret, callback });
      res.writeHead(200, { 'content-type': 'application/x-www-form-urlencoded' });
      return res.end(
        `oauth_token=${enc(token)}&oauth_token_secret=${enc(secret)}&oauth_callback_confirmed=true`,
      );
    }
    if (req.method === 'GET' && url.pathname === '/oauth/authorize') {
      const token = url.searchParams.get('oauth_token') ?? '';
      const pending = requestTokens.get(token);
      if (!pending) return problem(res, 400, 'token_rejected');
      pending.verifier = random('v');
      if (pending.callback === 'oob') return res.writeHead(200).end(pending.verifier);
      // RFC 5849 §2.2: the callback's own query is kept and the two parameters are added.
      const back = new URL(pending.callback);
      back.searchParams.set('oauth_token', token);
      back.searchParams.set('oauth_verifier', pending.verifier);
      return res.writeHead(302, { location: back.href }).end();
    }
    if (req.method === 'POST' && url.pathname === '/oauth/access_token') {
      const oauth = verified(req, res, url, body, (token) =>
        token === undefined ? undefined : requestTokens.get(token)?.secret,
      );
      if (!oauth) return;
      const token = oauth.get('oauth_token') ?? '';
      const pending = requestTokens.get(token);
      if (pending?.verifier === undefined || !same(pending.verifier, oauth.get('oauth_verifier') ?? '')) {
        return problem(res, 401, 'verifier_invalid');
      }
      // A request token is exchanged once.
      requestTokens.delete(token);
      const access = { token: random('at'), secret: random('ats') };
      accessTokens.set(access.token, access.secret);
      issued.push(access);
      res.writeHead(200, { 'content-type': 'application/x-www-form-urlencoded' });
      return res.end(`oauth_token=${enc(access.token)}&oauth_token_secret=${enc(access.secret)}&user_id=42`);
    }
    if (url.pathname.startsWith('/api/')) {
      const oauth = verified(req, res, url, body, (token) =>
        token === undefined ? undefined : accessTokens.get(token),
      );
      if (!oauth) return;
      res.writeHead(200, { 'content-type': 'application/json' });
      return res.end(
        JSON.stringify({ user: 'ada', path: url.pathname, query: Object.fromEntries(url.searchParams) }),
      );
    }
    res.writeHead(404).end();
  });
  return { url: server.url, consumerKey, consumerSecret, calls, issued, close: () => server.close() };
}

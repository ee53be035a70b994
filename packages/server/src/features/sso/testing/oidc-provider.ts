import { generateKeyPairSync, type KeyObject } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import Provider from 'oidc-provider';

export const CLIENT_SECRET = 'a-long-client-secret-for-tests-0123456789';
export const PUBLIC_URL = 'http://127.0.0.1:5999';
export const ID_TOKEN_ALGORITHMS = ['RS256', 'PS384', 'PS512', 'ES512', 'EdDSA'] as const;
export type IdTokenAlgorithm = (typeof ID_TOKEN_ALGORITHMS)[number];

/** The client id registered for ID tokens signed with `alg` ("guixu" for RS256). */
export const clientIdFor = (alg: IdTokenAlgorithm) =>
  alg === 'RS256' ? 'guixu' : `guixu-${alg.toLowerCase()}`;

export interface TestProvider {
  issuer: string;
  server: Server;
  close(): Promise<void>;
}

const signingKey = (key: KeyObject, kid: string) => ({
  ...key.export({ format: 'jwk' }),
  kid,
  use: 'sig',
});

/**
 * A real OpenID provider (oidc-provider) on loopback, with RSA, P-521 and Ed25519 keys
 * and one client per ID-token algorithm; accounts are "<name>" with groups from the table.
 * `publicUrl` is the GuixuFlow server its clients redirect back to.
 */
export async function startProvider(publicUrl = PUBLIC_URL): Promise<TestProvider> {
  const groups: Record<string, string[]> = { ada: ['guixu-admins'], bob: ['staff'] };
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const provider = new Provider(issuer, {
    clients: ID_TOKEN_ALGORITHMS.map((alg) => ({
      client_id: clientIdFor(alg),
      client_secret: CLIENT_SECRET,
      redirect_uris: [`${publicUrl}/api/v1/auth/oidc/callback`],
      grant_types: ['authorization_code'],
      response_types: ['code'],
      id_token_signed_response_alg: alg,
    })),
    claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name'], groups: ['groups'] },
    scopes: ['openid', 'email', 'profile', 'groups'],
    features: { devInteractions: { enabled: true } },
    enabledJWA: { idTokenSigningAlgValues: [...ID_TOKEN_ALGORITHMS] },
    pkce: { required: () => true, methods: ['S256'] },
    cookies: { keys: ['test-cookie-key-0123456789'] },
    jwks: {
      keys: [
        signingKey(generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey, 'rsa'),
        signingKey(generateKeyPairSync('ec', { namedCurve: 'P-521' }).privateKey, 'p521'),
        signingKey(generateKeyPairSync('ed25519').privateKey, 'ed25519'),
      ],
    },
    async findAccount(_ctx, id) {
      return {
        accountId: id,
        async claims() {
          return {
            sub: id,
            email: `${id}@example.com`,
            email_verified: true,
            name: id.toUpperCase(),
            groups: groups[id] ?? [],
          };
        },
      };
    },
  });
  server.on('request', provider.callback());
  return {
    issuer,
    server,
    // Kept-alive sockets (the test's fetch, openid-client's) are cut, not waited for: close() alone
    // waits for every open connection.
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** Plays the browser: follows the provider's redirects and posts its login and consent forms. */
export async function signInAtProvider(authorizeUrl: string, login: string): Promise<URL> {
  const jar = new Map<string, string>();
  const cookieHeader = () => [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
  const remember = (res: Response) => {
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(';');
      const eq = pair.indexOf('=');
      jar.set(pair.slice(0, eq), pair.slice(eq + 1));
    }
  };
  let url = authorizeUrl;
  let body: URLSearchParams | undefined;
  for (let hop = 0; hop < 20; hop++) {
    if (url.startsWith(PUBLIC_URL)) return new URL(url);
    const res = await fetch(url, {
      method: body ? 'POST' : 'GET',
      redirect: 'manual',
      headers: {
        cookie: cookieHeader(),
        ...(body ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
      },
      ...(body ? { body } : {}),
    });
    remember(res);
    body = undefined;
    const location = res.headers.get('location');
    if (location) {
      url = new URL(location, url).toString();
      continue;
    }
    const html = await res.text();
    const prompt = /name="prompt" value="(\w+)"/.exec(html)?.[1];
    const action = /action="([^"]+)"/.exec(html)?.[1];
    if (!prompt || !action) throw new Error(`unexpected provider page: ${html.slice(0, 300)}`);
    url = new URL(action, url).toString();
    body = new URLSearchParams(prompt === 'login' ? { prompt, login, password: 'any' } : { prompt });
  }
  throw new Error('too many redirects at the provider');
}

import { createServer } from 'node:net';

/**
 * A port that was free a moment ago, for a test server whose public URL must
 * name its port before it starts (OAuth2 and OpenID Connect redirect URIs).
 */
export async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const address = probe.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

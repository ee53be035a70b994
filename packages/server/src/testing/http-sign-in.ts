import { z } from 'zod';
import { TEST_PASSWORD } from '../security/testing/identities.ts';

const tokens = z.object({ accessToken: z.string() });

/**
 * For tests of a listening server (`fetch`): creates the instance owner on a
 * fresh database, or signs in as them on a restarted one, and returns the
 * `Authorization` header to call the API with.
 */
export async function ownerAuthorization(
  baseUrl: string,
  email = 'owner@example.com',
): Promise<{ authorization: string }> {
  const post = (path: string) =>
    fetch(`${baseUrl}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email, password: TEST_PASSWORD, tokens: 'body' }),
    });
  let response = await post('/api/v1/setup/owner');
  if (response.status === 409) response = await post('/api/v1/auth/login');
  if (!response.ok)
    throw new Error(`sign-in as the owner failed: ${response.status} ${await response.text()}`);
  return { authorization: `Bearer ${tokens.parse(await response.json()).accessToken}` };
}

/**
 * How a service credential authenticates an HTTP request (n8n's `authenticate`
 * of its credential types): headers, query parameters or Basic auth, and the
 * request its "test connection" sends.
 */
export interface ServiceAuth {
  headers?: Record<string, string>;
  qs?: Record<string, string>;
  basic?: { user: string; password: string };
  /** Values to keep out of messages. */
  secrets: string[];
}

export function bearer(token: string, extra: Record<string, string> = {}): ServiceAuth {
  return { headers: { authorization: `Bearer ${token}`, ...extra }, secrets: [token] };
}

/** Headers of a ServiceAuth, Basic auth included. */
export function authHeaders(auth: ServiceAuth): Record<string, string> {
  const headers = { ...auth.headers };
  if (auth.basic) {
    const pair = `${auth.basic.user}:${auth.basic.password}`;
    headers.authorization = `Basic ${Buffer.from(pair).toString('base64')}`;
  }
  return headers;
}

export function joinUrl(base: string, path: string): string {
  return `${base.replace(/\/+$/, '')}/${path.replace(/^\/+/, '')}`;
}

/**
 * "Test connection": one GET the service answers only for a valid secret.
 * 401/403 is a wrong secret, any other failure says what happened.
 */
export async function testServiceRequest(
  url: string,
  auth: ServiceAuth,
  signal: AbortSignal,
  /** A refusal the service reports in a 2xx JSON body. */
  check?: (body: unknown) => string | undefined,
): Promise<{ ok: boolean; message: string }> {
  const target = new URL(url);
  for (const [key, value] of Object.entries(auth.qs ?? {})) target.searchParams.set(key, value);
  let response: Response;
  try {
    response = await fetch(target, { headers: authHeaders(auth), signal, redirect: 'manual' });
  } catch (error) {
    const cause = error instanceof Error && error.cause instanceof Error ? error.cause.message : '';
    return { ok: false, message: `Could not reach ${target.host}${cause ? `: ${cause}` : ''}` };
  }
  const body: unknown = check ? await response.json().catch(() => undefined) : undefined;
  if (!check) await response.body?.cancel().catch(() => undefined);
  if (response.status === 401 || response.status === 403) {
    return {
      ok: false,
      message: `${target.host} refused the credential (HTTP ${response.status}): check the key or token`,
    };
  }
  if (!response.ok) return { ok: false, message: `${target.host} answered HTTP ${response.status}` };
  const refused = check?.(body);
  if (refused) return { ok: false, message: refused };
  return { ok: true, message: `${target.host} accepted the credential` };
}

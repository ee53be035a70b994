import { createHmac, timingSafeEqual } from 'node:crypto';
import { type CredentialProvider, GuixuError } from '@guixu/core';
import { jwtVerifier, verifyHmacSignature } from '@guixu/nodes';
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { WebhookEntry } from './webhook-entry.ts';

/**
 * Webhook authentication (n8n's: basic, header, JWT; plus HMAC signatures).
 * A missing credential in the request is 401, a wrong one 403. Credential
 * values come from the CredentialProvider port: the stored credentials the
 * workflow's project may use, then `GUIXU_CREDENTIALS`.
 */

const basicSchema = z.object({ user: z.string(), password: z.string().default('') });
const headerSchema = z.object({ name: z.string().min(1), value: z.string().default('') });
const hmacSchema = z.object({
  secret: z.string().min(1),
  algorithm: z.enum(['sha256', 'sha1', 'sha512']).default('sha256'),
  headerName: z.string().min(1).default('X-Signature-256'),
  encoding: z.enum(['hex', 'base64']).default('hex'),
  prefix: z.string().default(''),
});

const unauthorized = (message: string, scheme?: string) =>
  new GuixuError('WEBHOOK_UNAUTHORIZED', message, scheme ? { details: { scheme } } : {});
const forbidden = (message: string) => new GuixuError('WEBHOOK_FORBIDDEN', message);

function sameText(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

function header(request: FastifyRequest, name: string): string | undefined {
  const value = request.headers[name.toLowerCase()];
  return Array.isArray(value) ? value[0] : value;
}

/**
 * A credential problem is the workflow owner's to fix, never the caller's to
 * read: the answer names neither the credential nor the node; the reason
 * goes to the server log (as the cause).
 */
function credentialUnavailable(reason: string, cause?: unknown): GuixuError {
  return new GuixuError(
    'WEBHOOK_CREDENTIAL_UNAVAILABLE',
    "This webhook's authentication is not set up correctly on the server; the server log has the details",
    { audience: 'operator', cause: new Error(reason, cause === undefined ? {} : { cause }) },
  );
}

async function credentialData<T>(
  entry: WebhookEntry,
  provider: CredentialProvider,
  schema: z.ZodType<T>,
): Promise<T> {
  const slot = entry.config.credentialSlot ?? '';
  const ref = entry.node.credentials?.[slot];
  if (!ref) throw credentialUnavailable(`Node "${entry.node.name}" has no "${slot}" credential`);
  let data: Record<string, unknown>;
  try {
    data = await provider.get({ ref, type: slot, node: entry.node.name, executionId: '' });
  } catch (error) {
    // The caller did nothing wrong: a credential the workflow names is missing on this server.
    throw credentialUnavailable(
      error instanceof Error ? error.message : `Credential "${ref.name}" is not available`,
      error,
    );
  }
  const parsed = schema.safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw credentialUnavailable(
      `Credential "${ref.name}" of node "${entry.node.name}" is not a valid ${slot} credential: ${issue.path.join('.')} ${issue.message}`,
    );
  }
  return parsed.data;
}

/** Throws WEBHOOK_UNAUTHORIZED (401) or WEBHOOK_FORBIDDEN (403) unless the request may call the webhook. */
export async function authenticate(
  entry: WebhookEntry,
  request: FastifyRequest,
  rawBody: Buffer | undefined,
  provider: CredentialProvider,
): Promise<void> {
  switch (entry.config.authentication) {
    case 'none':
      return;
    case 'basicAuth': {
      const expected = await credentialData(entry, provider, basicSchema);
      const given = header(request, 'authorization');
      if (!given?.toLowerCase().startsWith('basic ')) {
        throw unauthorized('This webhook needs Basic authentication', 'Basic');
      }
      const decoded = Buffer.from(given.slice(6).trim(), 'base64').toString('utf8');
      const colon = decoded.indexOf(':');
      const user = colon < 0 ? decoded : decoded.slice(0, colon);
      const password = colon < 0 ? '' : decoded.slice(colon + 1);
      // Both compared, always: no early exit that tells a valid user name apart.
      const ok = sameText(user, expected.user) && sameText(password, expected.password);
      if (!ok) throw forbidden('The user name or password is wrong');
      return;
    }
    case 'headerAuth': {
      const expected = await credentialData(entry, provider, headerSchema);
      const given = header(request, expected.name);
      if (given === undefined) throw unauthorized(`This webhook needs the "${expected.name}" header`);
      if (!sameText(given, expected.value)) throw forbidden(`The "${expected.name}" header is wrong`);
      return;
    }
    case 'jwtAuth': {
      // Any credential the jwtAuth type accepts: passphrase (HS*) or PEM keys (RS*, ES*, PS*).
      const data = await credentialData(entry, provider, z.record(z.string(), z.unknown()));
      let verifier: ReturnType<typeof jwtVerifier>;
      try {
        verifier = jwtVerifier(data);
      } catch (error) {
        throw credentialUnavailable(
          `The JWT credential of node "${entry.node.name}" cannot verify tokens: ${error instanceof Error ? error.message : String(error)}`,
          error,
        );
      }
      const given = header(request, 'authorization');
      if (!given?.toLowerCase().startsWith('bearer ')) {
        throw unauthorized('This webhook needs a JWT in "Authorization: Bearer <token>"', 'Bearer');
      }
      const result = await verifier.verify(given.slice(7).trim());
      if (!result.valid) throw forbidden(result.reason);
      return;
    }
    case 'hmac': {
      const expected = await credentialData(entry, provider, hmacSchema);
      const given = header(request, expected.headerName);
      if (given === undefined)
        throw unauthorized(`This webhook needs a signature in "${expected.headerName}"`);
      if (!verifyHmacSignature(rawBody ?? new Uint8Array(), given, expected)) {
        throw forbidden(`The signature in "${expected.headerName}" does not match the body`);
      }
      return;
    }
  }
}

const jwtHeaderSchema = z.object({ alg: z.string(), typ: z.string().optional() });
const jwtClaimsSchema = z.object({ exp: z.number().optional(), nbf: z.number().optional() }).loose();
const HASH = { HS256: 'sha256', HS384: 'sha384', HS512: 'sha512' } as const;

function decodePart(part: string): unknown {
  try {
    return JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
  } catch {
    return undefined;
  }
}

/** Verifies an HMAC-signed JWT (signature, algorithm, `exp`, `nbf`); throws WEBHOOK_FORBIDDEN. */
export function verifyJwt(
  token: string,
  secret: string,
  algorithm: keyof typeof HASH,
  now = Date.now(),
): void {
  const parts = token.split('.');
  if (parts.length !== 3) throw forbidden('The JWT is malformed');
  const head = jwtHeaderSchema.safeParse(decodePart(parts[0]));
  const claims = jwtClaimsSchema.safeParse(decodePart(parts[1]));
  if (!head.success || !claims.success) throw forbidden('The JWT is malformed');
  // The algorithm is the credential's, never the token's: a token cannot downgrade to "none".
  if (head.data.alg !== algorithm) throw forbidden(`The JWT must be signed with ${algorithm}`);
  const signature = createHmac(HASH[algorithm], secret).update(`${parts[0]}.${parts[1]}`).digest('base64url');
  if (!sameText(signature, parts[2])) throw forbidden('The JWT signature is invalid');
  const seconds = now / 1000;
  if (claims.data.exp !== undefined && seconds >= claims.data.exp) throw forbidden('The JWT has expired');
  if (claims.data.nbf !== undefined && seconds < claims.data.nbf) throw forbidden('The JWT is not valid yet');
}

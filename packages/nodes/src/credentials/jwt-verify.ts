import { constants, createHmac, createPublicKey, type KeyObject, timingSafeEqual, verify } from 'node:crypto';
import { checkParams, GuixuError, type ParamsOf } from '@guixu/core';
import { z } from 'zod';
import { JWT_ALGORITHMS, type JwtAlgorithm, jwtAuthFields } from './jwt-auth.credentials.ts';

/**
 * Verifies "Authorization: Bearer <JWT>" against a jwtAuth credential (what
 * n8n's Webhook "JWT Auth" does): signature with the credential's algorithm,
 * never the token's, then `exp` and `nbf`.
 */

export type JwtAuthCredential = ParamsOf<typeof jwtAuthFields>;

/** A verifier built once per credential (the PEM key is parsed once). */
export interface JwtVerifier {
  algorithm: JwtAlgorithm;
  verify(token: string, now?: number): JwtResult;
}

export type JwtResult =
  | { valid: true; header: Record<string, unknown>; payload: Record<string, unknown> }
  | { valid: false; reason: string };

const objectSchema = z.record(z.string(), z.unknown());
const headerSchema = z.object({ alg: z.string() }).loose();
const claimsSchema = z.object({ exp: z.number().optional(), nbf: z.number().optional() }).loose();

function credentialInvalid(message: string): GuixuError {
  return new GuixuError('JWT_CREDENTIAL_INVALID', `The JWT Auth credential is not usable: ${message}`, {
    description: 'Fix the JWT Auth credential in the editor.',
  });
}

/** n8n accepts keys pasted on one line (newlines turned into spaces); rebuild the PEM lines. */
export function normalizePem(text: string): string {
  const match = /-----BEGIN ([A-Z0-9 ]+)-----([\s\S]*?)-----END \1-----/.exec(text.trim());
  if (!match) return text.trim();
  const body = match[2].replace(/\s+/g, '');
  const lines = body.match(/.{1,64}/g) ?? [];
  return `-----BEGIN ${match[1]}-----\n${lines.join('\n')}\n-----END ${match[1]}-----\n`;
}

function publicKeyOf(credential: JwtAuthCredential, algorithm: JwtAlgorithm): KeyObject {
  const text = credential.publicKey.trim() || credential.privateKey.trim();
  if (text === '') throw credentialInvalid(`${algorithm} needs a public key (or the private key)`);
  let key: KeyObject;
  try {
    key = createPublicKey(normalizePem(text));
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw credentialInvalid(`the PEM key cannot be read (${reason})`);
  }
  const wanted = algorithm.startsWith('ES') ? 'ec' : 'rsa';
  const actual = key.asymmetricKeyType;
  if (actual !== wanted && !(wanted === 'rsa' && actual === 'rsa-pss')) {
    throw credentialInvalid(
      `${algorithm} needs an ${wanted.toUpperCase()} key, the PEM key is ${actual ?? 'unknown'}`,
    );
  }
  return key;
}

function decodePart(part: string): Record<string, unknown> | undefined {
  try {
    const parsed = objectSchema.safeParse(JSON.parse(Buffer.from(part, 'base64url').toString('utf8')));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

type Check = (signingInput: Buffer, signature: Buffer) => boolean;

function signatureCheck(credential: JwtAuthCredential, algorithm: JwtAlgorithm): Check {
  const hash = `sha${algorithm.slice(2)}`;
  if (algorithm.startsWith('HS')) {
    if (credential.keyType !== 'passphrase' || credential.secret === '') {
      throw credentialInvalid(`${algorithm} needs the Key Type "Passphrase" and a secret`);
    }
    const secret = credential.secret;
    return (input, signature) => {
      const expected = createHmac(hash, secret).update(input).digest();
      return expected.length === signature.length && timingSafeEqual(expected, signature);
    };
  }
  if (credential.keyType !== 'pemKey') throw credentialInvalid(`${algorithm} needs the Key Type "PEM Key"`);
  const key = publicKeyOf(credential, algorithm);
  if (algorithm.startsWith('ES')) {
    return (input, signature) => verify(hash, input, { key, dsaEncoding: 'ieee-p1363' }, signature);
  }
  const padding = algorithm.startsWith('PS')
    ? { padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: constants.RSA_PSS_SALTLEN_DIGEST }
    : { padding: constants.RSA_PKCS1_PADDING };
  return (input, signature) => verify(hash, input, { key, ...padding }, signature);
}

/** Reads decrypted jwtAuth data; a credential that cannot verify anything is JWT_CREDENTIAL_INVALID. */
export function jwtVerifier(data: Record<string, unknown>): JwtVerifier {
  const issues = checkParams(jwtAuthFields, data);
  if (issues.length > 0) throw credentialInvalid(issues[0].message);
  const credential: JwtAuthCredential = {
    keyType: data.keyType === 'pemKey' ? 'pemKey' : 'passphrase',
    secret: typeof data.secret === 'string' ? data.secret : '',
    privateKey: typeof data.privateKey === 'string' ? data.privateKey : '',
    publicKey: typeof data.publicKey === 'string' ? data.publicKey : '',
    algorithm: JWT_ALGORITHMS.find((a) => a === data.algorithm) ?? 'HS256',
  };
  const algorithm = credential.algorithm;
  const check = signatureCheck(credential, algorithm);
  return {
    algorithm,
    verify(token, now = Date.now()) {
      const parts = token.split('.');
      if (parts.length !== 3) return { valid: false, reason: 'The JWT is malformed' };
      const header = decodePart(parts[0]);
      const payload = decodePart(parts[1]);
      const head = headerSchema.safeParse(header);
      const claims = claimsSchema.safeParse(payload);
      if (!header || !payload || !head.success || !claims.success) {
        return { valid: false, reason: 'The JWT is malformed' };
      }
      // The algorithm is the credential's: a token cannot switch to "none" or to HMAC with the public key.
      if (head.data.alg !== algorithm)
        return { valid: false, reason: `The JWT must be signed with ${algorithm}` };
      const input = Buffer.from(`${parts[0]}.${parts[1]}`);
      let signed = false;
      try {
        signed = check(input, Buffer.from(parts[2], 'base64url'));
      } catch {
        signed = false;
      }
      if (!signed) return { valid: false, reason: 'The JWT signature is invalid' };
      const seconds = now / 1000;
      if (claims.data.exp !== undefined && seconds >= claims.data.exp) {
        return { valid: false, reason: 'The JWT has expired' };
      }
      if (claims.data.nbf !== undefined && seconds < claims.data.nbf) {
        return { valid: false, reason: 'The JWT is not valid yet' };
      }
      return { valid: true, header, payload };
    },
  };
}

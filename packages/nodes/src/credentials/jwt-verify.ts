import { createPublicKey, type KeyObject } from 'node:crypto';
import { checkParams, GuixuError, type ParamsOf } from '@guixu/core';
import { errors, jwtVerify } from 'jose';
import { JWT_ALGORITHMS, type JwtAlgorithm, jwtAuthFields } from './jwt-auth.credentials.ts';

/**
 * Verifies "Authorization: Bearer <JWT>" against a jwtAuth credential (what
 * n8n's Webhook "JWT Auth" does), on jose: signature with the credential's
 * algorithm, never the token's, then `exp` and `nbf`.
 */

export type JwtAuthCredential = ParamsOf<typeof jwtAuthFields>;

/** A verifier built once per credential (the PEM key is parsed once). */
export interface JwtVerifier {
  algorithm: JwtAlgorithm;
  verify(token: string, now?: number): Promise<JwtResult>;
}

export type JwtResult =
  | { valid: true; header: Record<string, unknown>; payload: Record<string, unknown> }
  | { valid: false; reason: string };

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

function verificationKey(credential: JwtAuthCredential, algorithm: JwtAlgorithm): KeyObject | Uint8Array {
  if (algorithm.startsWith('HS')) {
    if (credential.keyType !== 'passphrase' || credential.secret === '') {
      throw credentialInvalid(`${algorithm} needs the Key Type "Passphrase" and a secret`);
    }
    return new TextEncoder().encode(credential.secret);
  }
  if (credential.keyType !== 'pemKey') throw credentialInvalid(`${algorithm} needs the Key Type "PEM Key"`);
  return publicKeyOf(credential, algorithm);
}

/** The user-facing reason for a token jose refused. */
function refusal(error: unknown, algorithm: JwtAlgorithm): string {
  if (error instanceof errors.JWTExpired) return 'The JWT has expired';
  if (
    error instanceof errors.JWTClaimValidationFailed &&
    error.claim === 'nbf' &&
    error.reason === 'check_failed'
  ) {
    return 'The JWT is not valid yet';
  }
  if (error instanceof errors.JOSEAlgNotAllowed) return `The JWT must be signed with ${algorithm}`;
  if (error instanceof errors.JWSSignatureVerificationFailed) return 'The JWT signature is invalid';
  return 'The JWT is malformed';
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
  const key = verificationKey(credential, algorithm);
  return {
    algorithm,
    async verify(token, now = Date.now()) {
      try {
        // The algorithm is the credential's: a token cannot switch to "none" or to HMAC with the public key.
        const { protectedHeader, payload } = await jwtVerify(token, key, {
          algorithms: [algorithm],
          currentDate: new Date(now),
        });
        return { valid: true, header: { ...protectedHeader }, payload: { ...payload } };
      } catch (error) {
        return { valid: false, reason: refusal(error, algorithm) };
      }
    },
  };
}

import { constants, createHmac, generateKeyPairSync, type KeyObject, sign } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { jwtVerifier, normalizePem } from './jwt-verify.ts';

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
const NOW = Date.UTC(2026, 10, 22);
const seconds = NOW / 1000;

function hmacToken(claims: Record<string, unknown>, secret: string, alg = 'HS256', signWith = alg) {
  const input = `${b64({ alg, typ: 'JWT' })}.${b64(claims)}`;
  const signature = createHmac(`sha${signWith.slice(2)}`, secret)
    .update(input)
    .digest('base64url');
  return `${input}.${signature}`;
}

/** Signs with node:crypto the way RFC 7518 says (IEEE P1363 for ECDSA, digest-length salt for PSS). */
function keyToken(claims: Record<string, unknown>, alg: string, key: KeyObject) {
  const input = Buffer.from(`${b64({ alg, typ: 'JWT' })}.${b64(claims)}`);
  const options = alg.startsWith('ES')
    ? { key, dsaEncoding: 'ieee-p1363' as const }
    : alg.startsWith('PS')
      ? { key, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: constants.RSA_PSS_SALTLEN_DIGEST }
      : { key };
  return `${input.toString()}.${sign(`sha${alg.slice(2)}`, input, options).toString('base64url')}`;
}

const pemPair = (kind: 'rsa' | 'ec', namedCurve?: string) => {
  const pair =
    kind === 'rsa'
      ? generateKeyPairSync('rsa', { modulusLength: 2048 })
      : generateKeyPairSync('ec', { namedCurve: namedCurve ?? 'P-256' });
  return {
    privateKey: pair.privateKey,
    privatePem: pair.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    publicPem: pair.publicKey.export({ type: 'spki', format: 'pem' }).toString(),
  };
};

const rsa = pemPair('rsa');

describe('JWT verification with a jwtAuth credential', () => {
  it('verifies HS256/384/512 tokens signed with the passphrase and returns the payload', async () => {
    for (const algorithm of ['HS256', 'HS384', 'HS512']) {
      const verifier = jwtVerifier({ keyType: 'passphrase', secret: 'jwt-secret', algorithm });
      const good = await verifier.verify(
        hmacToken({ sub: 'ada', exp: seconds + 60 }, 'jwt-secret', algorithm),
        NOW,
      );
      expect(good).toEqual({
        valid: true,
        header: { alg: algorithm, typ: 'JWT' },
        payload: { sub: 'ada', exp: seconds + 60 },
      });
      expect(await verifier.verify(hmacToken({ sub: 'ada' }, 'other', algorithm), NOW)).toEqual({
        valid: false,
        reason: 'The JWT signature is invalid',
      });
    }
  });

  it('checks exp and nbf, and refuses malformed tokens', async () => {
    const verifier = jwtVerifier({ keyType: 'passphrase', secret: 's', algorithm: 'HS256' });
    const reason = async (token: string) => {
      const result = await verifier.verify(token, NOW);
      return result.valid ? 'valid' : result.reason;
    };
    expect(await reason(hmacToken({ exp: seconds - 1 }, 's'))).toBe('The JWT has expired');
    expect(await reason(hmacToken({ exp: seconds }, 's'))).toBe('The JWT has expired');
    expect(await reason(hmacToken({ nbf: seconds + 30 }, 's'))).toBe('The JWT is not valid yet');
    expect(await reason(hmacToken({ nbf: seconds - 30, exp: seconds + 30 }, 's'))).toBe('valid');
    expect(await reason('not-a-jwt')).toBe('The JWT is malformed');
    expect(await reason('a.b.c')).toBe('The JWT is malformed');
    // Correctly signed, but the claims are not a JWT claims set.
    const signed = (payload: string) => {
      const input = `${b64({ alg: 'HS256' })}.${Buffer.from(payload).toString('base64url')}`;
      return `${input}.${createHmac('sha256', 's').update(input).digest('base64url')}`;
    };
    expect(await reason(signed('[1,2]'))).toBe('The JWT is malformed');
    expect(await reason(signed('{"exp":"soon"}'))).toBe('The JWT is malformed');
    expect(await reason(signed('not json'))).toBe('The JWT is malformed');
    expect(await reason(`${b64({ alg: 'HS256' })}.${b64({ exp: 'soon' })}.AAAA`)).toBe(
      'The JWT signature is invalid',
    );
  });

  it('uses the credential algorithm, never the token header ("none", HS with the public key)', async () => {
    const unsigned = `${b64({ alg: 'none' })}.${b64({ sub: 'x' })}.`;
    const hs = jwtVerifier({ keyType: 'passphrase', secret: 's', algorithm: 'HS256' });
    expect(await hs.verify(unsigned, NOW)).toEqual({
      valid: false,
      reason: 'The JWT must be signed with HS256',
    });
    expect(await hs.verify(hmacToken({}, 's', 'HS512'), NOW)).toEqual({
      valid: false,
      reason: 'The JWT must be signed with HS256',
    });
    const rs = jwtVerifier({ keyType: 'pemKey', publicKey: rsa.publicPem, algorithm: 'RS256' });
    // The classic confusion attack: an HMAC token keyed with the (public) PEM text.
    expect(await rs.verify(hmacToken({ sub: 'x' }, rsa.publicPem, 'HS256'), NOW)).toMatchObject({
      valid: false,
    });
    expect(await rs.verify(hmacToken({ sub: 'x' }, rsa.publicPem, 'RS256', 'HS256'), NOW)).toEqual({
      valid: false,
      reason: 'The JWT signature is invalid',
    });
  });

  it('verifies RS, PS and ES tokens with the PEM public key', async () => {
    const cases = [
      { alg: 'RS256', pair: rsa },
      { alg: 'RS512', pair: rsa },
      { alg: 'PS256', pair: rsa },
      { alg: 'PS384', pair: rsa },
      { alg: 'ES256', pair: pemPair('ec', 'P-256') },
      { alg: 'ES384', pair: pemPair('ec', 'P-384') },
      { alg: 'ES512', pair: pemPair('ec', 'P-521') },
    ];
    const stranger = pemPair('rsa');
    for (const { alg, pair } of cases) {
      const verifier = jwtVerifier({ keyType: 'pemKey', publicKey: pair.publicPem, algorithm: alg });
      const token = keyToken({ sub: alg, exp: seconds + 60 }, alg, pair.privateKey);
      expect(await verifier.verify(token, NOW), alg).toMatchObject({ valid: true, payload: { sub: alg } });
      const tampered = `${token.split('.')[0]}.${b64({ sub: 'mallory', exp: seconds + 60 })}.${token.split('.')[2]}`;
      expect(await verifier.verify(tampered, NOW), alg).toEqual({
        valid: false,
        reason: 'The JWT signature is invalid',
      });
      if (alg.startsWith('ES')) continue;
      const forged = keyToken({ sub: alg }, alg, stranger.privateKey);
      expect(await verifier.verify(forged, NOW), alg).toEqual({
        valid: false,
        reason: 'The JWT signature is invalid',
      });
    }
  });

  it('derives the public key from the private key and accepts a PEM pasted on one line', async () => {
    const oneLine = rsa.privatePem.replace(/\n/g, ' ');
    const verifier = jwtVerifier({ keyType: 'pemKey', privateKey: oneLine, algorithm: 'RS256' });
    expect(await verifier.verify(keyToken({ sub: 'x' }, 'RS256', rsa.privateKey), NOW)).toMatchObject({
      valid: true,
    });
    expect(normalizePem(rsa.publicPem.replace(/\n/g, ' '))).toBe(rsa.publicPem);
  });

  it('names what is wrong with a credential that cannot verify anything', () => {
    const message = (data: Record<string, unknown>) => {
      try {
        jwtVerifier(data);
        return 'usable';
      } catch (error) {
        expect(error).toMatchObject({ code: 'JWT_CREDENTIAL_INVALID' });
        return error instanceof Error ? error.message : String(error);
      }
    };
    const prefix = 'The JWT Auth credential is not usable: ';
    expect(message({ keyType: 'passphrase', algorithm: 'HS256' })).toBe(
      `${prefix}Parameter "Secret" (secret) is required`,
    );
    expect(message({ keyType: 'passphrase', secret: 's', algorithm: 'none' })).toMatch(
      /^The JWT Auth credential is not usable: Parameter "Algorithm" \(algorithm\) must be one of: "HS256"/,
    );
    expect(message({ keyType: 'passphrase', secret: 's', algorithm: 'RS256' })).toBe(
      `${prefix}RS256 needs the Key Type "PEM Key"`,
    );
    expect(message({ keyType: 'pemKey', algorithm: 'HS256' })).toBe(
      `${prefix}HS256 needs the Key Type "Passphrase" and a secret`,
    );
    expect(message({ keyType: 'pemKey', algorithm: 'RS256' })).toBe(
      `${prefix}RS256 needs a public key (or the private key)`,
    );
    expect(message({ keyType: 'pemKey', publicKey: 'not a key', algorithm: 'RS256' })).toMatch(
      /^The JWT Auth credential is not usable: the PEM key cannot be read \(/,
    );
    expect(message({ keyType: 'pemKey', publicKey: rsa.publicPem, algorithm: 'ES256' })).toBe(
      `${prefix}ES256 needs an EC key, the PEM key is rsa`,
    );
  });
});

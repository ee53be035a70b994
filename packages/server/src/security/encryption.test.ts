import { mkdtempSync, readFileSync, statSync, writeFileSync, chmodSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { GuixuError } from '@guixu/core';
import { SignJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import { Cipher, isEnvelope } from './encryption.ts';
import { loadInstanceKey } from './instance-key.ts';
import { AccessTokenSigner, hashToken } from './tokens.ts';

describe('encryption', () => {
  it('round-trips and never contains the plain text', () => {
    const cipher = new Cipher(randomBytes(32));
    const envelope = cipher.encryptJson({ password: 'hunter2-secret' });
    expect(isEnvelope(envelope)).toBe(true);
    expect(envelope).not.toContain('hunter2');
    expect(cipher.decryptJson(envelope)).toEqual({ password: 'hunter2-secret' });
  });

  it('refuses a tampered envelope and names a wrong key', () => {
    const cipher = new Cipher(randomBytes(32));
    const envelope = cipher.encrypt('secret');
    const parts = envelope.split('.');
    parts[4] = Buffer.from('xxxxxx').toString('base64url');
    expect(() => cipher.decrypt(parts.join('.'))).toThrow(/integrity/);
    const other = new Cipher(randomBytes(32));
    try {
      other.decrypt(envelope);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(GuixuError);
      expect(error).toMatchObject({ code: 'ENCRYPTION_KEY_MISMATCH' });
    }
  });

  it('creates a 0600 key file once and reuses it; refuses a world-readable one', () => {
    const dir = mkdtempSync(join(tmpdir(), 'guixu-key-'));
    const first = loadInstanceKey({ dataDir: dir, env: {} });
    expect(statSync(join(dir, 'encryption.key')).mode & 0o777).toBe(0o600);
    const second = loadInstanceKey({ dataDir: dir, env: {} });
    expect(second.key.equals(first.key)).toBe(true);
    chmodSync(join(dir, 'encryption.key'), 0o644);
    expect(() => loadInstanceKey({ dataDir: dir, env: {} })).toThrow(/chmod 600/);
    chmodSync(join(dir, 'encryption.key'), 0o600);
    writeFileSync(join(dir, 'encryption.key'), 'short', { mode: 0o600 });
    expect(() => loadInstanceKey({ dataDir: dir, env: {} })).toThrow(/GuixuError|32 bytes/);
    expect(readFileSync(join(dir, 'encryption.key'), 'utf8')).toBe('short');
  });

  it('takes GUIXU_ENCRYPTION_KEY over the file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'guixu-key-'));
    const hex = randomBytes(32).toString('hex');
    const loaded = loadInstanceKey({ dataDir: dir, env: { GUIXU_ENCRYPTION_KEY: hex } });
    expect(loaded.key.toString('hex')).toBe(hex);
    expect(loaded.source).toBe('GUIXU_ENCRYPTION_KEY');
  });
});

describe('access tokens', () => {
  const signer = new AccessTokenSigner(randomBytes(32), 900);

  it('verifies its own tokens and rejects forged, tampered and expired ones', async () => {
    const now = Date.UTC(2026, 0, 1);
    const { token } = await signer.sign('user-1', 'session-1', now);
    expect(await signer.verify(token, now)).toMatchObject({ sub: 'user-1', sid: 'session-1' });
    expect(await signer.verify(token, now + 901_000)).toBeUndefined();
    const [h, payload, sig] = token.split('.');
    const evil = Buffer.from(JSON.stringify({ sub: 'owner', sid: 'session-1', iat: 0, exp: 9e9 })).toString(
      'base64url',
    );
    expect(await signer.verify(`${h}.${evil}.${sig}`, now)).toBeUndefined();
    expect(await signer.verify(`${h}.${payload}.${sig.slice(0, -2)}AA`, now)).toBeUndefined();
    expect(await new AccessTokenSigner(randomBytes(32), 900).verify(token, now)).toBeUndefined();
    expect(await signer.verify('not-a-token', now)).toBeUndefined();
    // An unsigned token ("alg": "none") carrying the same claims is refused.
    const none = Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url');
    expect(await signer.verify(`${none}.${payload}.`, now)).toBeUndefined();
  });

  it('refuses a token signed with another HMAC size or missing a claim', async () => {
    const key = randomBytes(32);
    const strict = new AccessTokenSigner(key, 900);
    const now = Date.UTC(2026, 0, 1);
    const iat = Math.floor(now / 1000);
    const forge = (alg: string, claims: Record<string, string>) =>
      new SignJWT(claims)
        .setProtectedHeader({ alg, typ: 'JWT' })
        .setSubject('u')
        .setIssuedAt(iat)
        .setExpirationTime(iat + 60)
        .sign(key);
    expect(await strict.verify(await forge('HS256', { sid: 's' }), now)).toMatchObject({
      sub: 'u',
      sid: 's',
    });
    expect(await strict.verify(await forge('HS512', { sid: 's' }), now)).toBeUndefined();
    expect(await strict.verify(await forge('HS256', {}), now)).toBeUndefined();
  });

  it('hashes tokens deterministically', () => {
    expect(hashToken('abc')).toBe(hashToken('abc'));
    expect(hashToken('abc')).not.toBe(hashToken('abd'));
  });
});

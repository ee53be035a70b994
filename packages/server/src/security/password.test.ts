import { describe, expect, it } from 'vitest';
import { assertStrongPassword, hashPassword, passwordProblem, verifyPassword } from './password.ts';

describe('passwords', () => {
  it('bounds the length and asks zxcvbn with its dictionaries, giving its feedback', async () => {
    expect(await passwordProblem('Short1')).toMatchObject({ rule: 'length', message: /at least 8/ });
    expect(await passwordProblem(`${'x'.repeat(300)}1`)).toMatchObject({
      rule: 'length',
      message: /at most/,
    });
    // Passed the old letter-and-digit rule: repeated characters, a dictionary word, a keyboard walk.
    for (const weak of ['aaaaaaa1', 'Password1', 'qwertyuiop1', 'iloveyou2024']) {
      const problem = await passwordProblem(weak);
      expect(problem, weak).toMatchObject({ rule: 'strength' });
      expect(problem?.feedback.length, weak).toBeGreaterThan(0);
    }
    // The email is context: a password made of it is weak even when it looks long.
    expect(await passwordProblem('jonathan.smith', 'jonathan.smith@example.com')).toMatchObject({
      rule: 'strength',
    });
    expect(await passwordProblem('Strong-pass-123', 'a@b.co')).toBeUndefined();
    expect(await passwordProblem('correct horse battery 42')).toBeUndefined();
    // Only the first 64 characters are judged: a long run of one letter stays weak.
    expect(await passwordProblem('a'.repeat(200))).toMatchObject({ rule: 'strength' });
  });

  it('refuses with PASSWORD_WEAK naming the field and listing the feedback', async () => {
    const error = await assertStrongPassword('aaaaaaa1', undefined, 'newPassword').catch((e: unknown) => e);
    expect(error).toMatchObject({
      code: 'PASSWORD_WEAK',
      message: /too easy to guess.*Repeated characters/,
      details: { field: 'newPassword', rule: 'strength', minScore: 3 },
    });
  });

  it('hashes with argon2id and verifies', async () => {
    const hash = await hashPassword('Correct-horse-1');
    expect(hash).toMatch(/^\$argon2id\$/);
    expect(await verifyPassword(hash, 'Correct-horse-1')).toBe(true);
    expect(await verifyPassword(hash, 'Correct-horse-2')).toBe(false);
    expect(await verifyPassword(null, 'anything')).toBe(false);
    expect(await verifyPassword('not-a-hash', 'anything')).toBe(false);
  });
});

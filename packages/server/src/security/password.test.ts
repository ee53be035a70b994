import { describe, expect, it } from 'vitest';
import { hashPassword, passwordProblem, verifyPassword } from './password.ts';

describe('passwords', () => {
  it('applies the rules with a precise reason', () => {
    expect(passwordProblem('Short1')).toMatch(/at least 8/);
    expect(passwordProblem('onlyletters')).toMatch(/letter and one digit/);
    expect(passwordProblem('12345678')).toMatch(/letter and one digit/);
    expect(passwordProblem('Password1')).toMatch(/most common/);
    expect(passwordProblem('alice-secret-1', 'alice@example.com')).toMatch(/email/);
    expect(passwordProblem('Strong-pass-123', 'a@b.co')).toBeUndefined();
    expect(passwordProblem('x'.repeat(300) + '1')).toMatch(/at most/);
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

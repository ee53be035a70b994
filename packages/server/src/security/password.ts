import { GuixuError } from '@guixu/core';

// Loaded on first use: the native addon costs ~12 MB of RSS an idle server does not need.
const argon2 = () => import('@node-rs/argon2');

// OWASP's argon2id baseline (m=19 MiB, t=2, p=1): memory-hard, ~20 ms here.
// `algorithm: 2` is Algorithm.Argon2id (a const enum, which isolated modules cannot read).
const OPTIONS = { algorithm: 2, memoryCost: 19_456, timeCost: 2, parallelism: 1 };

export const PASSWORD_MIN_LENGTH = 8;
export const PASSWORD_MAX_LENGTH = 256;

const COMMON = new Set([
  'password',
  'password1',
  'password123',
  '12345678',
  '123456789',
  'qwerty123',
  'letmein1',
  'iloveyou1',
  'admin123',
  'welcome1',
]);

/** Why a password is too weak, or undefined when it passes the rules. */
export function passwordProblem(password: string, email?: string): string | undefined {
  if (password.length < PASSWORD_MIN_LENGTH) return `must be at least ${PASSWORD_MIN_LENGTH} characters`;
  if (password.length > PASSWORD_MAX_LENGTH) return `must be at most ${PASSWORD_MAX_LENGTH} characters`;
  if (!/[A-Za-z\p{L}]/u.test(password) || !/\d/.test(password))
    return 'must contain at least one letter and one digit';
  if (COMMON.has(password.toLowerCase())) return 'is one of the most common passwords';
  const local = email?.split('@')[0].toLowerCase() ?? '';
  // Short local parts ("a@…") would match half of all passwords; only names worth guessing count.
  if (local.length >= 4 && password.toLowerCase().includes(local))
    return 'must not contain the email address';
  return undefined;
}

/** Throws PASSWORD_WEAK (400) naming the rule that failed. */
export function assertStrongPassword(password: string, email?: string, field = 'password'): void {
  const problem = passwordProblem(password, email);
  if (problem !== undefined) {
    throw new GuixuError('PASSWORD_WEAK', `The password ${problem}`, { details: { field, rule: problem } });
  }
}

export async function hashPassword(password: string): Promise<string> {
  const { hash } = await argon2();
  return hash(password, OPTIONS);
}

export async function verifyPassword(stored: string | null, password: string): Promise<boolean> {
  const { hash, verify } = await argon2();
  if (stored === null) {
    // Same cost as a real check, so a missing account does not answer faster.
    await hash(password, OPTIONS);
    return false;
  }
  try {
    return await verify(stored, password);
  } catch {
    return false;
  }
}

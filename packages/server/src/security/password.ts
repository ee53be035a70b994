import { GuixuError } from '@guixu/core';
import type { ZxcvbnFactory } from '@zxcvbn-ts/core';

// Loaded on first use: the native addon costs ~12 MB of RSS an idle server does not need.
const argon2 = () => import('@node-rs/argon2');

// OWASP's argon2id baseline (m=19 MiB, t=2, p=1): memory-hard, ~20 ms here.
// `algorithm: 2` is Algorithm.Argon2id (a const enum, which isolated modules cannot read).
const OPTIONS = { algorithm: 2, memoryCost: 19_456, timeCost: 2, parallelism: 1 };

export const PASSWORD_MIN_LENGTH = 8;
export const PASSWORD_MAX_LENGTH = 256;
/** How much of a password the estimator reads (its cost grows steeply with length). */
export const ESTIMATE_MAX_LENGTH = 64;
/** zxcvbn's score 3: "safely unguessable", about 10^8 guesses or more. */
export const PASSWORD_MIN_SCORE = 3;
/** Words about this instance that a password built from them is weak for. */
const PRODUCT_WORDS = ['guixu', 'guixuflow', 'workflow', 'admin', 'owner'];

let estimator: Promise<ZxcvbnFactory> | undefined;

/** zxcvbn-ts with its common and English dictionaries (~25 MB of heap), loaded on the first password check. */
function loadEstimator(): Promise<ZxcvbnFactory> {
  estimator ??= (async () => {
    const [{ ZxcvbnFactory }, common, en] = await Promise.all([
      import('@zxcvbn-ts/core'),
      import('@zxcvbn-ts/language-common'),
      import('@zxcvbn-ts/language-en'),
    ]);
    return new ZxcvbnFactory({
      translations: en.translations,
      graphs: common.adjacencyGraphs,
      dictionary: { ...common.dictionary, ...en.dictionary },
      // The estimate's cost grows steeply with length and with leet-speak variants (a crafted
      // 64-character password took ~1 s with the defaults): the first 64 characters and at
      // most 4 substitutions keep the worst case near 0.1 s, still catching "P@ssw0rd1".
      maxLength: ESTIMATE_MAX_LENGTH,
      l33tMaxSubstitutions: 4,
    });
  })();
  return estimator;
}

export interface PasswordProblem {
  /** Which check failed: `length` or `strength`. */
  rule: 'length' | 'strength';
  /** Completes "The password …". */
  message: string;
  /** The estimator's warning and suggestions (strength only). */
  feedback: string[];
  score?: number;
}

function userInputs(email: string | undefined): string[] {
  if (email === undefined) return PRODUCT_WORDS;
  const [local, domain = ''] = email.toLowerCase().split('@');
  return [
    ...PRODUCT_WORDS,
    email.toLowerCase(),
    local,
    ...local.split(/[._+-]/),
    ...domain.split('.'),
  ].filter((word) => word.length >= 3);
}

/** Why a password is too weak (length bounds, then zxcvbn's estimate with the email as context), or undefined. */
export async function passwordProblem(
  password: string,
  email?: string,
): Promise<PasswordProblem | undefined> {
  if (password.length < PASSWORD_MIN_LENGTH)
    return { rule: 'length', message: `must be at least ${PASSWORD_MIN_LENGTH} characters`, feedback: [] };
  if (password.length > PASSWORD_MAX_LENGTH)
    return { rule: 'length', message: `must be at most ${PASSWORD_MAX_LENGTH} characters`, feedback: [] };
  const result = (await loadEstimator()).check(password, userInputs(email));
  if (result.score >= PASSWORD_MIN_SCORE) return undefined;
  const feedback = [result.feedback.warning, ...result.feedback.suggestions].filter(
    (line): line is string => typeof line === 'string' && line !== '',
  );
  return {
    rule: 'strength',
    message: `is too easy to guess (strength ${result.score} of 4, at least ${PASSWORD_MIN_SCORE} needed)`,
    feedback,
    score: result.score,
  };
}

/** Throws PASSWORD_WEAK (400) naming the rule that failed and the estimator's advice. */
export async function assertStrongPassword(
  password: string,
  email?: string,
  field = 'password',
): Promise<void> {
  const problem = await passwordProblem(password, email);
  if (problem === undefined) return;
  const advice = problem.feedback.length > 0 ? `: ${problem.feedback.join(' ')}` : '';
  throw new GuixuError('PASSWORD_WEAK', `The password ${problem.message}${advice}`, {
    details: {
      field,
      rule: problem.rule,
      feedback: problem.feedback,
      ...(problem.score === undefined ? {} : { score: problem.score, minScore: PASSWORD_MIN_SCORE }),
    },
  });
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

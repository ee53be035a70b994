import { GuixuError } from '@guixu/core';
import { registerErrorStatus } from '../../http/http-errors.ts';

export const LOGIN_THROTTLED = 'LOGIN_THROTTLED';
registerErrorStatus(LOGIN_THROTTLED, 429);

/** What a backoff key counts: one email (from any address) or one client address (any email). */
export type BackoffKey = { kind: 'email'; value: string } | { kind: 'address'; value: string };

export interface LoginBackoffOptions {
  /**
   * Failures allowed per email before the first delay (`GUIXU_LOCKOUT_THRESHOLD`);
   * an address gets four times as many, since many people can share one (an office, a proxy).
   */
  threshold: number;
  /** First delay; it doubles with every further failure. */
  baseMs?: number;
  /**
   * Longest delay per email. Short on purpose: anyone can type the owner's
   * email, so this bounds how long a stranger can keep the owner waiting.
   */
  maxEmailMs?: number;
  /** Longest delay per client address: one guesser sweeping many emails. */
  maxAddressMs?: number;
  /** A key with no failure for this long starts over. */
  forgetAfterMs?: number;
  now?: () => number;
}

interface Entry {
  failures: number;
  until: number;
  last: number;
}

const MAX_ENTRIES = 100_000;

/**
 * Exponential delays between failed sign-ins, per email and per client
 * address, instead of a lock: known and unknown emails are treated the same
 * (the answer tells nothing about which accounts exist), and a delay never
 * outlasts its cap, so nobody can lock the owner out. In memory: each instance
 * counts on its own, which is enough to slow guessing down.
 */
export class LoginBackoff {
  private readonly entries = new Map<string, Entry>();
  private readonly baseMs: number;
  private readonly maxMs: Record<BackoffKey['kind'], number>;
  private readonly forgetAfterMs: number;
  private readonly now: () => number;

  constructor(private readonly options: LoginBackoffOptions) {
    this.baseMs = options.baseMs ?? 1_000;
    this.maxMs = { email: options.maxEmailMs ?? 60_000, address: options.maxAddressMs ?? 15 * 60_000 };
    this.forgetAfterMs = options.forgetAfterMs ?? 60 * 60_000;
    this.now = options.now ?? Date.now;
  }

  /** Throws LOGIN_THROTTLED (429 with Retry-After) while any of the keys is waiting out a delay. */
  check(keys: readonly BackoffKey[]): void {
    const now = this.now();
    let waitMs = 0;
    for (const key of keys) {
      const entry = this.live(key, now);
      if (entry !== undefined && entry.until > now) waitMs = Math.max(waitMs, entry.until - now);
    }
    if (waitMs > 0) {
      throw new GuixuError(
        LOGIN_THROTTLED,
        `Too many failed sign-ins; try again in ${Math.ceil(waitMs / 1000)} s`,
        { retryable: true, retryAfterMs: waitMs },
      );
    }
  }

  /** A wrong email or password: from the threshold on, each key waits twice as long as before. */
  fail(keys: readonly BackoffKey[]): void {
    const now = this.now();
    if (this.entries.size >= MAX_ENTRIES) this.sweep(now);
    for (const key of keys) {
      const entry = this.live(key, now) ?? { failures: 0, until: 0, last: now };
      entry.failures += 1;
      entry.last = now;
      const over = entry.failures - this.options.threshold * (key.kind === 'address' ? 4 : 1);
      if (over >= 0)
        entry.until = now + Math.min(this.baseMs * 2 ** Math.min(over, 30), this.maxMs[key.kind]);
      this.entries.set(id(key), entry);
    }
  }

  /**
   * A correct password clears its email's count. An address's count only
   * fades with time: otherwise a guesser could reset it by signing in to
   * their own account between guesses.
   */
  succeed(keys: readonly BackoffKey[]): void {
    for (const key of keys) if (key.kind === 'email') this.entries.delete(id(key));
  }

  private live(key: BackoffKey, now: number): Entry | undefined {
    const entry = this.entries.get(id(key));
    if (entry === undefined) return undefined;
    if (now - entry.last >= this.forgetAfterMs && entry.until <= now) {
      this.entries.delete(id(key));
      return undefined;
    }
    return entry;
  }

  private sweep(now: number): void {
    for (const [key, entry] of this.entries)
      if (now - entry.last >= this.forgetAfterMs && entry.until <= now) this.entries.delete(key);
    // Still full (a flood of distinct keys): drop the oldest half rather than grow without bound.
    if (this.entries.size >= MAX_ENTRIES) {
      let drop = this.entries.size / 2;
      for (const key of this.entries.keys()) {
        if (drop-- <= 0) break;
        this.entries.delete(key);
      }
    }
  }
}

function id(key: BackoffKey): string {
  return `${key.kind}:${key.value}`;
}

import { describe, expect, it } from 'vitest';
import { type BackoffKey, LoginBackoff } from './login-backoff.ts';

const email = (value: string): BackoffKey => ({ kind: 'email', value });
const address = (value: string): BackoffKey => ({ kind: 'address', value });

function waitOf(backoff: LoginBackoff, keys: BackoffKey[]): number | undefined {
  try {
    backoff.check(keys);
    return undefined;
  } catch (error) {
    expect(error).toMatchObject({ code: 'LOGIN_THROTTLED', retryable: true });
    return (error as { retryAfterMs: number }).retryAfterMs;
  }
}

describe('login backoff', () => {
  it('doubles the delay per email from the threshold on, up to a short cap', () => {
    let now = 0;
    const backoff = new LoginBackoff({ threshold: 3, now: () => now });
    const keys = [email('owner@example.com')];
    const waits: (number | undefined)[] = [];
    for (let i = 0; i < 10; i++) {
      waits.push(waitOf(backoff, keys));
      backoff.fail(keys);
      now += 1;
    }
    expect(waits.slice(0, 3)).toEqual([undefined, undefined, undefined]);
    // Each failure from the third on: 1 s, 2 s, 4 s … measured one tick later.
    expect(waits.slice(3, 6)).toEqual([999, 1_999, 3_999]);
    // Anyone can type the owner's email: the delay never grows past a minute.
    for (let i = 0; i < 20; i++) backoff.fail(keys);
    expect(waitOf(backoff, keys)).toBe(60_000);
    now += 60_000;
    expect(waitOf(backoff, keys)).toBeUndefined();
  });

  it('an address gets four times the failures, is not cleared by a success, and is forgotten after an hour', () => {
    let now = 0;
    const backoff = new LoginBackoff({ threshold: 2, now: () => now });
    const from = address('10.0.0.9');
    for (let i = 0; i < 7; i++) backoff.fail([email(`user${i}@example.com`), from]);
    expect(waitOf(backoff, [email('new@example.com'), from])).toBeUndefined();
    backoff.fail([email('user7@example.com'), from]);
    expect(waitOf(backoff, [email('new@example.com'), from])).toBe(1_000);
    expect(waitOf(backoff, [email('new@example.com'), address('10.0.0.10')])).toBeUndefined();
    now += 1_000;
    backoff.succeed([email('mine@example.com'), from]);
    backoff.fail([email('user8@example.com'), from]);
    expect(waitOf(backoff, [from])).toBe(2_000);
    now += 60 * 60_000;
    backoff.fail([from]);
    expect(waitOf(backoff, [from])).toBeUndefined();
  });

  it('a correct password clears its email', () => {
    const backoff = new LoginBackoff({ threshold: 1 });
    backoff.fail([email('a@example.com')]);
    expect(waitOf(backoff, [email('a@example.com')])).toBeGreaterThan(0);
    backoff.succeed([email('a@example.com')]);
    expect(waitOf(backoff, [email('a@example.com')])).toBeUndefined();
  });
});

import { DateTime, Settings } from 'luxon';
import { describe, expect, it } from 'vitest';
import { ExpressionError } from './expression-error.ts';
import { testEnv } from './test-env.ts';

const clock = () => Date.UTC(2026, 10, 22, 15, 30);

describe('the time zone expressions run in', () => {
  it('is UTC by default, printed with Z as n8n prints it', () => {
    const env = testEnv({ items: [{}], now: clock });
    expect(env.evaluate('={{ $now.toISO() }}', 0)).toBe('2026-11-22T15:30:00.000Z');
    expect(env.evaluate('=at {{ $now }}', 0)).toBe('at 2026-11-22T15:30:00.000Z');
    expect(env.evaluate('={{ DateTime.fromISO("2026-01-01T10:00").toISO() }}', 0)).toBe(
      '2026-01-01T10:00:00.000Z',
    );
  });

  it('is the workflow time zone for $now, DateTime.now() and dates read without an offset', () => {
    const env = testEnv({ items: [{}], now: clock, timezone: 'Asia/Shanghai' });
    expect(env.evaluate('={{ $now.toISO() }}', 0)).toBe('2026-11-22T23:30:00.000+08:00');
    expect(env.evaluate('={{ DateTime.now().zoneName }}', 0)).toBe('Asia/Shanghai');
    expect(env.evaluate('={{ DateTime.fromISO("2026-01-01T10:00").toISO() }}', 0)).toBe(
      '2026-01-01T10:00:00.000+08:00',
    );
    expect(env.evaluate('={{ DateTime.fromISO("2026-01-01T10:00Z").hour }}', 0)).toBe(18);
  });

  it("leaves Luxon's process-wide default zone as it was after each evaluation", () => {
    const before = Settings.defaultZone.name;
    const env = testEnv({ items: [{}], now: clock, timezone: 'America/New_York' });
    env.evaluate('={{ DateTime.now() }}', 0);
    expect(() => env.evaluate('={{ $json.a.b }}', 0)).toThrow(ExpressionError);
    expect(Settings.defaultZone.name).toBe(before);
    expect(DateTime.now().zoneName).toBe(before);
  });

  it('fails with a clear error for a zone Luxon does not know', () => {
    expect(() => testEnv({ items: [{}], timezone: 'Mars/Olympus' }).evaluate('={{ 1 }}', 0)).toThrow(
      'The time zone "Mars/Olympus" is not valid',
    );
  });
});

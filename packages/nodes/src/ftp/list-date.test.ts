import { describe, expect, it } from 'vitest';
import { parseListDate } from './list-date.ts';

describe('parseListDate', () => {
  const now = new Date('2026-03-10T12:00:00Z');
  it('reads recent times in this year, and last year when they would be in the future', () => {
    expect(parseListDate('Mar 09 07:22', now)?.toISOString()).toBe('2026-03-09T07:22:00.000Z');
    expect(parseListDate('Dec  7 23:05', now)?.toISOString()).toBe('2025-12-07T23:05:00.000Z');
  });
  it('reads dates with a year, and refuses other formats', () => {
    expect(parseListDate('Jan 02 2024', now)?.toISOString()).toBe('2024-01-02T00:00:00.000Z');
    expect(parseListDate('12-07-26 07:22AM', now)).toBeUndefined();
    expect(parseListDate('Foo 01 2024', now)).toBeUndefined();
  });
});

import { describe, expect, it } from 'vitest';
import { searchCriteria } from './imap-search.ts';

describe('searchCriteria (n8n custom email rules → imapflow search)', () => {
  it('reads flags, values, dates, HEADER, NOT and OR', () => {
    expect(searchCriteria('["UNSEEN"]')).toEqual({ seen: false });
    expect(searchCriteria('')).toEqual({ seen: false });
    expect(searchCriteria('[]')).toEqual({ all: true });
    expect(
      searchCriteria(
        '["UNSEEN", ["SINCE", "May 20, 2018"], ["FROM", "ann@example.com"], ["HEADER", "X-Tag", "a"], ["NOT", "FLAGGED"], ["OR", "ANSWERED", ["SUBJECT", "hi"]]]',
      ),
    ).toEqual({
      seen: false,
      since: new Date('May 20, 2018'),
      from: 'ann@example.com',
      header: { 'X-Tag': 'a' },
      not: { flagged: true },
      or: [{ answered: true }, { subject: 'hi' }],
    });
  });

  it('refuses rules it cannot read, naming them', () => {
    expect(() => searchCriteria('UNSEEN')).toThrow(/not valid JSON/);
    expect(() => searchCriteria('["SOMETIMES"]')).toThrow(/SOMETIMES/);
    expect(() => searchCriteria('[["SINCE", "yesterday-ish"]]')).toThrow(/SINCE needs a date/);
  });
});

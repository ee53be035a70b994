import { describe, expect, it } from 'vitest';
import { mysqlDialect, postgresDialect } from './dialect.ts';
import { bindQuery, QueryParameterError, replacementValues } from './query-parameters.ts';

describe('query parameters', () => {
  it('reads comma-separated text, arrays from expressions and single values', () => {
    expect(replacementValues('a, b ,c')).toEqual(['a', 'b', 'c']);
    expect(replacementValues(['x, y', 2])).toEqual(['x, y', 2]);
    expect(replacementValues(5)).toEqual([5]);
    expect(replacementValues('')).toEqual([]);
  });

  it('binds $n for PostgreSQL, reusing a placeholder used twice and renumbering the rest', () => {
    expect(bindQuery(postgresDialect, 'SELECT $2, $1, $2', ['a', 'b'])).toEqual({
      sql: 'SELECT $1, $2, $1',
      values: ['b', 'a'],
    });
  });

  it('binds $n for MySQL as ? in order of use, and keeps ? queries as they are', () => {
    expect(bindQuery(mysqlDialect, 'SELECT $2, $1, $2', ['a', 'b'])).toEqual({
      sql: 'SELECT ?, ?, ?',
      values: ['b', 'a', 'b'],
    });
    expect(bindQuery(mysqlDialect, 'SELECT ? + ?', [1, 2])).toEqual({ sql: 'SELECT ? + ?', values: [1, 2] });
  });

  it('quotes $n:name as an identifier, never as SQL text', () => {
    expect(bindQuery(postgresDialect, 'SELECT * FROM $1:name WHERE a = $2', ['we"ird', 1])).toEqual({
      sql: 'SELECT * FROM "we""ird" WHERE a = $1',
      values: [1],
    });
    expect(bindQuery(mysqlDialect, 'SELECT * FROM $1:name', ['a`b']).sql).toBe('SELECT * FROM `a``b`');
  });

  it('leaves $n inside quoted text, quoted identifiers, dollar quotes and comments alone', () => {
    const sql = `SELECT '$1', "$1", $$ $1 $$, $tag$ $1 $tag$ -- $1\n, $1 /* $1 */`;
    expect(bindQuery(postgresDialect, sql, ['v'])).toEqual({
      sql: `SELECT '$1', "$1", $$ $1 $$, $tag$ $1 $tag$ -- $1\n, $1 /* $1 */`,
      values: ['v'],
    });
  });

  it('refuses a $n with no value', () => {
    expect(() => bindQuery(postgresDialect, 'SELECT $3', ['a'])).toThrow(QueryParameterError);
  });
});

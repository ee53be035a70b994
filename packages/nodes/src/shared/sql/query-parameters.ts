import type { SqlDialect, Statement } from './dialect.ts';

/**
 * Execute Query's "Query Parameters" (n8n's `options.queryReplacement`): `$1`,
 * `$2`… in the query are bound as values, never spliced into the SQL text;
 * `$1:name` is an identifier, quoted by the dialect. MySQL queries may use `?`
 * instead (then values bind in order). `$n` inside quoted text, quoted
 * identifiers, dollar-quoted bodies and comments is left alone.
 */

/** The replacement values: an array from an expression, or comma-separated text. */
export function replacementValues(raw: unknown): unknown[] {
  if (Array.isArray(raw)) return raw;
  if (raw === undefined || raw === null) return [];
  if (typeof raw !== 'string') return [raw];
  if (raw.trim() === '') return [];
  return raw.split(',').map((part) => part.trim());
}

/** Length of the literal/comment starting at `i` (0 when none starts there). */
function skipLength(sql: string, i: number): number {
  const c = sql[i];
  if (c === "'" || c === '"' || c === '`') {
    let j = i + 1;
    while (j < sql.length) {
      if (sql[j] === '\\' && c === "'") j += 2;
      else if (sql[j] === c) {
        if (sql[j + 1] === c) j += 2;
        else return j + 1 - i;
      } else j++;
    }
    return sql.length - i;
  }
  if (c === '-' && sql[i + 1] === '-') {
    const end = sql.indexOf('\n', i);
    return (end === -1 ? sql.length : end) - i;
  }
  if (c === '/' && sql[i + 1] === '*') {
    const end = sql.indexOf('*/', i + 2);
    return (end === -1 ? sql.length : end + 2) - i;
  }
  if (c === '$') {
    const tag = /^\$([A-Za-z_][A-Za-z0-9_]*)?\$/.exec(sql.slice(i));
    if (tag) {
      const end = sql.indexOf(tag[0], i + tag[0].length);
      return (end === -1 ? sql.length : end + tag[0].length) - i;
    }
  }
  return 0;
}

export class QueryParameterError extends Error {}

/** Rewrites `$n` / `$n:name` for the dialect and lists the bound values in order. */
export function bindQuery(dialect: SqlDialect, query: string, values: readonly unknown[]): Statement {
  let sql = '';
  const bound: unknown[] = [];
  // PostgreSQL can reuse a placeholder: the same `$n` binds once.
  const numbered = new Map<number, number>();
  let usedDollar = false;
  let i = 0;
  while (i < query.length) {
    const skip = skipLength(query, i);
    if (skip > 0) {
      sql += query.slice(i, i + skip);
      i += skip;
      continue;
    }
    const match = query[i] === '$' ? /^\$(\d+)(:name\b)?/.exec(query.slice(i)) : null;
    if (!match) {
      sql += query[i];
      i++;
      continue;
    }
    usedDollar = true;
    const position = Number(match[1]);
    if (position < 1 || position > values.length) {
      throw new QueryParameterError(
        `The query uses $${position} but ${values.length} query parameter${values.length === 1 ? ' was' : 's were'} given`,
      );
    }
    const value = values[position - 1];
    if (match[2]) {
      sql += dialect.quote(String(value));
    } else if (dialect.returning) {
      let index = numbered.get(position);
      if (index === undefined) {
        bound.push(value);
        index = bound.length;
        numbered.set(position, index);
      }
      sql += dialect.placeholder(index);
    } else {
      bound.push(value);
      sql += dialect.placeholder(bound.length);
    }
    i += match[0].length;
  }
  // No `$n` at all: MySQL's own `?` placeholders take the values in order.
  if (!usedDollar) return { sql: query, values: dialect.returning ? [] : [...values] };
  return { sql, values: bound };
}

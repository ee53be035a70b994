/** What differs between the SQL databases the nodes speak to. */
export interface SqlDialect {
  /** Product name for messages ("PostgreSQL", "MySQL"). */
  product: string;
  /** A quoted identifier (`"a""b"`, `` `a``b` ``); `schema.table` is quoted part by part by the caller. */
  quote(identifier: string): string;
  /** The placeholder of the value at 1-based position `index` (`$1`, `?`). */
  placeholder(index: number): string;
  /** Whether INSERT/UPDATE/DELETE can return the rows they touched (`RETURNING`). */
  returning: boolean;
  /** The conflict clause of an upsert: update `update` when a row with the same `match` exists. */
  upsertClause(match: readonly string[], update: readonly string[]): string;
}

/** One statement with its values, never spliced together. */
export interface Statement {
  sql: string;
  values: unknown[];
}

/** The outcome of one statement. */
export interface StatementResult {
  rows: Record<string, unknown>[];
  /** Rows changed by INSERT/UPDATE/DELETE (0 for SELECT). */
  affected: number;
  /** MySQL's auto-increment id of the first inserted row. */
  insertId?: number | string;
  /** False for statements that return no result set (DDL, DML without RETURNING). */
  hasRows: boolean;
}

/** A connection (or a transaction on one) statements run on. */
export interface SqlSession {
  run(statement: Statement): Promise<StatementResult[]>;
}

/** Runs work on a pooled connection, in a transaction when asked. */
export interface SqlConnector {
  dialect: SqlDialect;
  session<T>(transaction: boolean, work: (session: SqlSession) => Promise<T>): Promise<T>;
}

/** `schema.table` quoted part by part (no schema: just the table). */
export function qualifiedTable(dialect: SqlDialect, schema: string, table: string): string {
  return schema === '' ? dialect.quote(table) : `${dialect.quote(schema)}.${dialect.quote(table)}`;
}

export const postgresDialect: SqlDialect = {
  product: 'PostgreSQL',
  quote: (identifier) => `"${identifier.replaceAll('"', '""')}"`,
  placeholder: (index) => `$${index}`,
  returning: true,
  upsertClause(match, update) {
    const target = match.map((column) => postgresDialect.quote(column)).join(', ');
    if (update.length === 0) return ` ON CONFLICT (${target}) DO NOTHING`;
    const set = update.map((column) => {
      const q = postgresDialect.quote(column);
      return `${q} = EXCLUDED.${q}`;
    });
    return ` ON CONFLICT (${target}) DO UPDATE SET ${set.join(', ')}`;
  },
};

export const mysqlDialect: SqlDialect = {
  product: 'MySQL',
  quote: (identifier) => `\`${identifier.replaceAll('`', '``')}\``,
  placeholder: () => '?',
  returning: false,
  upsertClause(match, update) {
    // MySQL matches on any unique key; keep the match columns themselves unchanged.
    const columns = update.length > 0 ? update : match;
    const set = columns.map((column) => {
      const q = mysqlDialect.quote(column);
      return `${q} = VALUES(${q})`;
    });
    return ` ON DUPLICATE KEY UPDATE ${set.join(', ')}`;
  },
};

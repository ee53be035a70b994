import { qualifiedTable, type SqlDialect, type Statement } from './dialect.ts';

/**
 * SQL built from the node's parameters: identifiers quoted by the dialect,
 * every value a placeholder. Nothing a user or an item supplies is spliced in
 * as SQL text.
 */

export const WHERE_CONDITIONS = [
  'equal',
  '!=',
  'LIKE',
  '>',
  '<',
  '>=',
  '<=',
  'IS NULL',
  'IS NOT NULL',
] as const;
export type WhereCondition = (typeof WHERE_CONDITIONS)[number];

export interface WhereClause {
  column: string;
  condition: WhereCondition;
  value?: unknown;
}

export interface SortRule {
  column: string;
  direction: 'ASC' | 'DESC';
}

export interface TableRef {
  schema: string;
  table: string;
}

/** Collects values and hands out their placeholders in order. */
class Values {
  readonly list: unknown[] = [];
  constructor(private readonly dialect: SqlDialect) {}
  add(value: unknown): string {
    this.list.push(value);
    return this.dialect.placeholder(this.list.length);
  }
}

function whereSql(
  dialect: SqlDialect,
  values: Values,
  clauses: readonly WhereClause[],
  combine: 'AND' | 'OR',
): string {
  if (clauses.length === 0) return '';
  const parts = clauses.map((clause) => {
    const column = dialect.quote(clause.column);
    if (clause.condition === 'IS NULL' || clause.condition === 'IS NOT NULL') {
      return `${column} ${clause.condition}`;
    }
    const operator = clause.condition === 'equal' ? '=' : clause.condition;
    return `${column} ${operator} ${values.add(clause.value)}`;
  });
  return ` WHERE ${parts.join(` ${combine} `)}`;
}

export function selectStatement(
  dialect: SqlDialect,
  options: {
    ref: TableRef;
    where: readonly WhereClause[];
    combine: 'AND' | 'OR';
    sort: readonly SortRule[];
    limit?: number;
    columns?: readonly string[];
  },
): Statement {
  const values = new Values(dialect);
  const columns =
    options.columns && options.columns.length > 0
      ? options.columns.map((column) => dialect.quote(column)).join(', ')
      : '*';
  let sql = `SELECT ${columns} FROM ${qualifiedTable(dialect, options.ref.schema, options.ref.table)}`;
  sql += whereSql(dialect, values, options.where, options.combine);
  if (options.sort.length > 0) {
    sql += ` ORDER BY ${options.sort.map((rule) => `${dialect.quote(rule.column)} ${rule.direction === 'DESC' ? 'DESC' : 'ASC'}`).join(', ')}`;
  }
  if (options.limit !== undefined) sql += ` LIMIT ${values.add(options.limit)}`;
  return { sql, values: values.list };
}

function returning(dialect: SqlDialect, output: readonly string[] | undefined): string {
  if (!dialect.returning) return '';
  if (!output || output.length === 0) return ' RETURNING *';
  return ` RETURNING ${output.map((column) => dialect.quote(column)).join(', ')}`;
}

export function insertStatement(
  dialect: SqlDialect,
  options: {
    ref: TableRef;
    row: Record<string, unknown>;
    output?: readonly string[];
    skipOnConflict?: boolean;
    upsert?: { match: readonly string[] };
  },
): Statement {
  const values = new Values(dialect);
  const columns = Object.keys(options.row);
  const table = qualifiedTable(dialect, options.ref.schema, options.ref.table);
  const names = columns.map((column) => dialect.quote(column)).join(', ');
  const placeholders = columns.map((column) => values.add(options.row[column])).join(', ');
  const verb = options.skipOnConflict && !dialect.returning ? 'INSERT IGNORE' : 'INSERT';
  let sql = `${verb} INTO ${table} (${names}) VALUES (${placeholders})`;
  if (options.upsert) {
    const match = options.upsert.match;
    sql += dialect.upsertClause(
      match,
      columns.filter((column) => !match.includes(column)),
    );
  } else if (options.skipOnConflict && dialect.returning) sql += ' ON CONFLICT DO NOTHING';
  sql += returning(dialect, options.output);
  return { sql, values: values.list };
}

export function updateStatement(
  dialect: SqlDialect,
  options: {
    ref: TableRef;
    row: Record<string, unknown>;
    match: readonly string[];
    output?: readonly string[];
  },
): Statement {
  const values = new Values(dialect);
  const set = Object.keys(options.row)
    .filter((column) => !options.match.includes(column))
    .map((column) => `${dialect.quote(column)} = ${values.add(options.row[column])}`);
  const where = whereSql(
    dialect,
    values,
    options.match.map((column) => ({ column, condition: 'equal', value: options.row[column] })),
    'AND',
  );
  const table = qualifiedTable(dialect, options.ref.schema, options.ref.table);
  const sql = `UPDATE ${table} SET ${set.join(', ')}${where}${returning(dialect, options.output)}`;
  return { sql, values: values.list };
}

export type DeleteCommand = 'truncate' | 'delete' | 'drop';

export function deleteStatement(
  dialect: SqlDialect,
  options: {
    ref: TableRef;
    command: DeleteCommand;
    where: readonly WhereClause[];
    combine: 'AND' | 'OR';
    cascade?: boolean;
    restartSequences?: boolean;
  },
): Statement {
  const table = qualifiedTable(dialect, options.ref.schema, options.ref.table);
  const cascade = options.cascade && dialect.returning ? ' CASCADE' : '';
  if (options.command === 'drop') return { sql: `DROP TABLE IF EXISTS ${table}${cascade}`, values: [] };
  if (options.command === 'truncate') {
    const restart = options.restartSequences && dialect.returning ? ' RESTART IDENTITY' : '';
    return { sql: `TRUNCATE TABLE ${table}${restart}${cascade}`, values: [] };
  }
  const values = new Values(dialect);
  const where = whereSql(dialect, values, options.where, options.combine);
  return { sql: `DELETE FROM ${table}${where}`, values: values.list };
}

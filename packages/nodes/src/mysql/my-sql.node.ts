/**
 * MySQL (and MariaDB), parameters as n8n's MySQL v2.5. Deviations: "Single
 * Query" runs the items' statements one after another in one transaction;
 * writes output `{ success, affectedRows, insertId }` (MySQL has no RETURNING);
 * `$1:raw` is not offered; no SSH tunnel, no query priority.
 */
import { defineNode } from '@guixu/core';
import { failureHandler } from '../shared/connection-errors.ts';
import { nodeCredential } from '../shared/credential-error.ts';
import { sqlParams, tableLocator } from '../shared/sql/params.ts';
import { runSqlItems } from '../shared/sql/run-sql.ts';
import mySqlCredential from './my-sql.credentials.ts';
import { isAuthFailure, mySqlConnector, serverOf } from './mysql-pool.ts';

const { operation, query, ...rest } = sqlParams;

export default defineNode({
  type: 'guixu.mySql',
  version: 1,
  displayName: 'MySQL',
  description: 'Reads, inserts, updates and deletes rows in MySQL or MariaDB, or runs an SQL query.',
  group: 'action',
  icon: 'database',
  defaultName: 'MySQL',
  inputs: ['main'],
  outputs: ['main'],
  credentials: [{ name: 'mySql', required: true }],
  docs: [
    'Runs on a connection pool per credential (per execution worker), closed after a minute unused.',
    '"Execute SQL" binds "Query Parameters" to $1, $2… or to `?` placeholders as prepared-statement values:',
    'values are never spliced into the SQL. Insert, Update and Insert or Update (ON DUPLICATE KEY UPDATE)',
    'write the item fields to the columns of the same name, or the values given under Columns; nested',
    'values are stored as JSON text. Select builds WHERE from "Select Rows" with a limit and sort; Delete',
    'truncates, deletes matching rows or drops the table. Several items run in one transaction by default.',
  ].join('\n'),
  params: {
    operation,
    table: tableLocator('Table', ''),
    query,
    ...rest,
  },
  async run(ctx) {
    const node = ctx.node.name;
    const credential = nodeCredential(mySqlCredential, await ctx.credentials('mySql'), node);
    const items = await runSqlItems({
      ctx,
      connector: mySqlConnector(credential),
      fail: failureHandler({
        node,
        product: 'MySQL',
        prefix: 'MYSQL',
        server: serverOf(credential),
        isAuthFailure,
        rejected: 'QUERY_FAILED',
        details: sqlStateOf,
      }),
    });
    return [items];
  },
});

function sqlStateOf(error: unknown): Record<string, unknown> {
  if (typeof error !== 'object' || error === null) return {};
  const { sqlState, code } = error as { sqlState?: unknown; code?: unknown };
  const out: Record<string, unknown> = {};
  if (typeof sqlState === 'string') out.sqlState = sqlState;
  if (typeof code === 'string' && code.startsWith('ER_')) out.mysqlCode = code;
  return out;
}

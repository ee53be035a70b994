/**
 * Postgres, parameters as n8n's Postgres v2.6. Deviations: "Single Query" runs
 * the items' statements one after another in one transaction (n8n joins them
 * into one multi-statement text); statements without a result set output
 * `{ success, affectedRows }`; `$1:raw` is not offered (it splices text into
 * the SQL); no SSH tunnel.
 */
import { defineNode, p } from '@guixu/core';
import { failureHandler } from '../shared/connection-errors.ts';
import { nodeCredential } from '../shared/credential-error.ts';
import { sqlParams, tableLocator } from '../shared/sql/params.ts';
import { runSqlItems } from '../shared/sql/run-sql.ts';
import postgresCredential from './postgres.credentials.ts';
import { isAuthFailure, postgresConnector, serverOf } from './postgres-pool.ts';

const { operation, query, ...rest } = sqlParams;

export default defineNode({
  type: 'guixu.postgres',
  version: 1,
  displayName: 'Postgres',
  description: 'Reads, inserts, updates and deletes rows in PostgreSQL, or runs an SQL query.',
  group: 'action',
  icon: 'database',
  defaultName: 'Postgres',
  inputs: ['main'],
  outputs: ['main'],
  credentials: [{ name: 'postgres', required: true }],
  docs: [
    'Runs on a connection pool per credential (per execution worker), closed after a minute unused.',
    '"Execute SQL" binds "Query Parameters" to $1, $2… (`$1:name` for an identifier): values are never',
    'spliced into the SQL. Insert, Update and Insert or Update write the item fields to the columns of the',
    'same name ("Map Automatically") or the values given under Columns; they output the written rows',
    '(RETURNING). Select builds WHERE from "Select Rows" with a limit and sort; Delete truncates, deletes',
    'matching rows or drops the table. Several items run in one transaction by default.',
  ].join('\n'),
  params: {
    operation,
    schema: tableLocator('Schema', 'public'),
    table: tableLocator('Table', ''),
    query,
    ...rest,
    restartSequences: p.boolean({
      label: 'Restart Sequences',
      description: 'Whether to reset identity (auto-increment) columns, if any',
      default: false,
      displayOptions: { show: { operation: ['deleteTable'], deleteCommand: ['truncate'] } },
    }),
  },
  async run(ctx) {
    const node = ctx.node.name;
    const credential = nodeCredential(postgresCredential, await ctx.credentials('postgres'), node);
    const items = await runSqlItems({
      ctx,
      connector: postgresConnector(credential),
      fail: failureHandler({
        node,
        product: 'PostgreSQL',
        prefix: 'POSTGRES',
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
  const code = typeof error === 'object' && error !== null ? (error as { code?: unknown }).code : undefined;
  return typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code) ? { sqlState: code } : {};
}

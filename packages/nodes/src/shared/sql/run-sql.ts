import type { GuixuError, Item, JsonObject, NodeRunContext } from '@guixu/core';
import { failedItem } from '../item-errors.ts';
import type { SqlConnector, Statement, StatementResult } from './dialect.ts';
import { itemStatements } from './item-statements.ts';
import { jsonRow } from './json-row.ts';
import type { SqlParams } from './params.ts';

/**
 * Runs a SQL node's operation over its input items. "Single Query" and
 * "Transaction" run every item in one transaction (a failure undoes all of
 * them); "Each Item Independently" runs each on its own, so with "continue on
 * fail" only the failing items become error items.
 */

export interface SqlRunOptions<P extends SqlParams> {
  ctx: NodeRunContext<P>;
  connector: SqlConnector;
  /** Turns a driver failure into the node's error (codes, the server named, no secrets). */
  fail(error: unknown, itemIndex: number): GuixuError;
}

function outputItems(results: StatementResult[], itemIndex: number): Item[] {
  const out: Item[] = [];
  for (const result of results) {
    if (result.hasRows) {
      for (const row of result.rows) out.push({ json: jsonRow(row), pairedItem: { item: itemIndex } });
      continue;
    }
    const json: JsonObject = { success: true, affectedRows: result.affected };
    if (result.insertId !== undefined && result.insertId !== 0) json.insertId = result.insertId;
    out.push({ json, pairedItem: { item: itemIndex } });
  }
  return out;
}

async function runStatements(
  session: { run(statement: Statement): Promise<StatementResult[]> },
  statements: Statement[],
): Promise<StatementResult[]> {
  const results: StatementResult[] = [];
  for (const statement of statements) results.push(...(await session.run(statement)));
  return results;
}

export async function runSqlItems<P extends SqlParams>(options: SqlRunOptions<P>): Promise<Item[]> {
  const { ctx, connector } = options;
  const items = ctx.items;
  const node = ctx.node.name;
  const statementsOf = (index: number) =>
    itemStatements({ dialect: connector.dialect, params: ctx.params(index), item: items[index], node });
  const batching = ctx.params(0).options.queryBatching ?? 'single';

  if (batching === 'independently') {
    const out: Item[] = [];
    for (let i = 0; i < items.length; i++) {
      try {
        const statements = statementsOf(i);
        const results = await connector.session(false, (session) => runStatements(session, statements));
        out.push(...outputItems(results, i));
      } catch (error) {
        if (!ctx.continueOnFail()) throw options.fail(error, i);
        out.push(failedItem(options.fail(error, i), i));
      }
    }
    return out;
  }

  let failedAt = 0;
  try {
    return await connector.session(true, async (session) => {
      const out: Item[] = [];
      for (let i = 0; i < items.length; i++) {
        failedAt = i;
        if (ctx.signal.aborted) throw ctx.signal.reason;
        out.push(...outputItems(await runStatements(session, statementsOf(i)), i));
      }
      return out;
    });
  } catch (error) {
    // The transaction was rolled back: nothing of the earlier items was kept either.
    if (!ctx.continueOnFail()) throw options.fail(error, failedAt);
    return [failedItem(options.fail(error, failedAt), failedAt)];
  }
}

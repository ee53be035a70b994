import { type Item, NodeOperationError } from '@guixu/core';
import type { SqlDialect, Statement } from './dialect.ts';
import type { SqlParams } from './params.ts';
import { bindQuery, QueryParameterError, replacementValues } from './query-parameters.ts';
import {
  deleteStatement,
  insertStatement,
  selectStatement,
  type TableRef,
  updateStatement,
} from './statements.ts';

/** The statements one input item asks for, built from its resolved parameters. */

function rowOf(params: SqlParams, item: Item, dialect: SqlDialect): Record<string, unknown> {
  const { mappingMode, value, schema } = params.columns;
  const source = mappingMode === 'defineBelow' ? (value ?? {}) : item.json;
  // Auto-mapped items from n8n keep to the columns its mapper listed, as n8n does.
  const known = schema ? new Set(schema.filter((c) => !c.removed).map((c) => c.id)) : undefined;
  const row: Record<string, unknown> = {};
  for (const [column, raw] of Object.entries(source)) {
    if (mappingMode === 'autoMapInputData' && known && !known.has(column)) continue;
    let value = raw;
    if (params.options.replaceEmptyStrings && value === '') value = null;
    // MySQL has no array/object parameter type: nested values are stored as JSON text.
    if (!dialect.returning && value !== null && typeof value === 'object' && !(value instanceof Date)) {
      value = JSON.stringify(value);
    }
    row[column] = value;
  }
  return row;
}

function matchColumns(params: SqlParams, node: string, row: Record<string, unknown>): string[] {
  const match = params.columns.matchingColumns;
  if (match.length === 0) {
    throw new NodeOperationError(node, `Node "${node}" needs a column to match rows on`, {
      parameter: 'columns.matchingColumns',
      description: 'Choose the column(s) that identify a row, e.g. "id".',
      details: { code: 'DATABASE_MATCH_COLUMN_MISSING' },
    });
  }
  for (const column of match) {
    if (!(column in row)) {
      throw new NodeOperationError(
        node,
        `The item has no value for the matching column "${column}" of node "${node}"`,
        { parameter: 'columns.matchingColumns', details: { code: 'DATABASE_MATCH_VALUE_MISSING' } },
      );
    }
  }
  return match;
}

function nonEmpty(node: string, row: Record<string, unknown>): Record<string, unknown> {
  if (Object.keys(row).length > 0) return row;
  throw new NodeOperationError(node, `Node "${node}" has no column values to write for this item`, {
    parameter: 'columns',
    details: { code: 'DATABASE_NO_COLUMNS' },
  });
}

export function itemStatements(options: {
  dialect: SqlDialect;
  params: SqlParams;
  item: Item;
  node: string;
}): Statement[] {
  const { dialect, params, item, node } = options;
  const ref: TableRef = { schema: params.schema ?? '', table: params.table };
  // n8n writes "all columns" as ['*'].
  const listed = params.options.outputColumns;
  const output = listed?.includes('*') ? undefined : listed;
  const where = params.where.values ?? [];
  switch (params.operation) {
    case 'executeQuery': {
      const values = replacementValues(params.options.queryReplacement).map((value) =>
        params.options.replaceEmptyStrings && value === '' ? null : value,
      );
      try {
        return [bindQuery(dialect, params.query, values)];
      } catch (error) {
        if (!(error instanceof QueryParameterError)) throw error;
        throw new NodeOperationError(node, `${error.message} (node "${node}")`, {
          parameter: 'options.queryReplacement',
          details: { code: 'DATABASE_QUERY_PARAMETERS' },
        });
      }
    }
    case 'select':
      return [
        selectStatement(dialect, {
          ref,
          where,
          combine: params.combineConditions,
          sort: params.sort.values ?? [],
          limit: params.returnAll ? undefined : params.limit,
          columns: output,
        }),
      ];
    case 'insert':
      return [
        insertStatement(dialect, {
          ref,
          row: nonEmpty(node, rowOf(params, item, dialect)),
          output,
          skipOnConflict: params.options.skipOnConflict,
        }),
      ];
    case 'upsert': {
      const row = nonEmpty(node, rowOf(params, item, dialect));
      return [
        insertStatement(dialect, { ref, row, output, upsert: { match: matchColumns(params, node, row) } }),
      ];
    }
    case 'update': {
      const row = nonEmpty(node, rowOf(params, item, dialect));
      const match = matchColumns(params, node, row);
      if (Object.keys(row).every((column) => match.includes(column))) {
        throw new NodeOperationError(
          node,
          `Node "${node}" has no column to update besides the matching ones`,
          {
            parameter: 'columns',
            details: { code: 'DATABASE_NO_COLUMNS' },
          },
        );
      }
      return [updateStatement(dialect, { ref, row, match, output })];
    }
    case 'deleteTable':
      return [
        deleteStatement(dialect, {
          ref,
          command: params.deleteCommand,
          where,
          combine: params.combineConditions,
          cascade: params.options.cascade,
          restartSequences: params.restartSequences,
        }),
      ];
  }
}

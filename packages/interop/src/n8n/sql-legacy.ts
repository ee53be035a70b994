import { entries, type MappingContext, record } from './mapping.ts';

/**
 * Older Postgres (v1, v2.0–2.1) and MySQL (v1, v2.0–2.1) parameters become the
 * newest shape the GuixuFlow SQL nodes mirror: `columns` as a resource mapper,
 * `options.queryReplacement` and `options.queryBatching`.
 */

function names(text: unknown): string[] {
  return typeof text === 'string'
    ? text
        .split(',')
        .map((part) => part.trim())
        .filter((part) => part !== '')
    : [];
}

function fromItem(columns: string[]): Record<string, string> {
  return Object.fromEntries(columns.map((column) => [column, `={{ $json[${JSON.stringify(column)}] }}`]));
}

/** v1: `columns` is a list of item fields written to columns of the same name; `updateKey` matches rows. */
export function fromV1(p: Record<string, unknown>, ctx: MappingContext): Record<string, unknown> {
  const out: Record<string, unknown> = { operation: p.operation ?? 'insert' };
  if (p.schema !== undefined) out.schema = p.schema;
  if (p.table !== undefined) out.table = p.table;
  const options: Record<string, unknown> = {};
  const extra = record(p.additionalFields);
  const queryParams = names(extra.queryParams);
  if (out.operation === 'executeQuery') {
    out.query = p.query ?? '';
    if (queryParams.length > 0) {
      options.queryReplacement = `={{ [${queryParams.map((name) => `$json[${JSON.stringify(name)}]`).join(', ')}] }}`;
    }
  } else {
    const columns = names(p.columns).map((column) => column.split(':')[0] ?? column);
    // n8n v1's "Update Key" defaults to `id` and is only used by Update.
    const match = out.operation === 'update' ? names(p.updateKey ?? 'id') : [];
    out.columns = {
      mappingMode: 'defineBelow',
      value: fromItem([...new Set([...match, ...columns])]),
      matchingColumns: match,
    };
  }
  const mode = extra.mode;
  if (mode === 'independently' || mode === 'transaction') options.queryBatching = mode;
  else if (mode === 'multiple') options.queryBatching = 'single';
  // `=*` (an expression-marked "*") is "every column" too.
  const returnFields = names(p.returnFields)
    .map((name) => name.replace(/^=/, ''))
    .filter((name) => name !== '*');
  if (returnFields.length > 0) options.outputColumns = returnFields;
  if (record(p.options).ignore === true) options.skipOnConflict = true;
  if (names(p.columns).some((column) => column.includes(':'))) {
    ctx.warn('Column type casts ("column:type") were dropped; the database converts the values.');
  }
  out.options = options;
  return out;
}

/** v2.0–2.1: `dataMode` + `valuesToSend`, and `columnToMatchOn`/`valueToMatchOn` for updates. */
export function fromV2(p: Record<string, unknown>): Record<string, unknown> {
  const { dataMode, valuesToSend, columnToMatchOn, valueToMatchOn, ...rest } = p;
  if (dataMode === undefined && columnToMatchOn === undefined) return { ...p };
  const match = typeof columnToMatchOn === 'string' && columnToMatchOn !== '' ? [columnToMatchOn] : [];
  const value: Record<string, unknown> = {};
  for (const entry of entries(valuesToSend, 'values')) {
    if (typeof entry.column === 'string') value[entry.column] = entry.value;
  }
  if (match.length > 0 && valueToMatchOn !== undefined) value[match[0] ?? ''] = valueToMatchOn;
  const mapping = dataMode === 'defineBelow' ? 'defineBelow' : 'autoMapInputData';
  return {
    ...rest,
    columns: {
      mappingMode: mapping,
      value: mapping === 'defineBelow' ? value : null,
      matchingColumns: match,
    },
  };
}

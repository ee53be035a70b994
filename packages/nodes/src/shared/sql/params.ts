import { p } from '@guixu/core';
import { z } from 'zod';
import { WHERE_CONDITIONS } from './statements.ts';

/**
 * The parameters PostgreSQL (n8n v2.6) and MySQL (n8n v2.5) share, with n8n's
 * names and shapes: `operation`, `table` (a resource locator), `columns` (a
 * resource mapper), `where`/`sort` fixed collections, `options`.
 */

/** n8n's resource locator (`{ __rl, mode, value }`) or a plain name. */
const locator = z.union([
  z.string(),
  z
    .object({ value: z.union([z.string(), z.number().transform(String)]) })
    .passthrough()
    .transform((rl) => rl.value),
]);

export function tableLocator(label: string, fallback: string) {
  return p.custom<string>({
    kind: 'resourceLocator',
    widget: 'text',
    label,
    description: `The ${label.toLowerCase()} name (n8n's resource locator or plain text).`,
    schema: locator,
    default: fallback,
    displayOptions: { hide: { operation: ['executeQuery'] } },
  });
}

const columnsSchema = z
  .object({
    mappingMode: z.enum(['autoMapInputData', 'defineBelow']).default('autoMapInputData'),
    value: z.record(z.string(), z.unknown()).nullable().default(null),
    matchingColumns: z.array(z.string()).default([]),
    /** n8n's list of the table's columns as the editor last saw them (`removed`: left out). */
    schema: z.array(z.object({ id: z.string(), removed: z.boolean().optional() }).passthrough()).optional(),
  })
  .passthrough();
export type ColumnMapping = z.infer<typeof columnsSchema>;

const stringList = z.preprocess(
  (value) =>
    typeof value === 'string'
      ? value
          .split(',')
          .map((part) => part.trim())
          .filter((part) => part !== '')
      : value,
  z.array(z.string()),
);

const queryReplacement = z.union([z.array(z.unknown()), z.string(), z.number(), z.boolean(), z.null()]);
type QueryReplacement = z.infer<typeof queryReplacement>;

export const OPERATIONS = [
  { value: 'deleteTable', label: 'Delete', description: 'Delete an entire table or rows in a table' },
  { value: 'executeQuery', label: 'Execute SQL', description: 'Execute an SQL query' },
  { value: 'insert', label: 'Insert', description: 'Insert rows in a table' },
  { value: 'upsert', label: 'Insert or Update', description: 'Insert or update rows in a table' },
  { value: 'select', label: 'Select', description: 'Select rows from a table' },
  { value: 'update', label: 'Update', description: 'Update rows in a table' },
] as const;

const writes = { show: { operation: ['insert', 'upsert', 'update'] } };
const filtered = { show: { operation: ['select', 'deleteTable'] } };

export const sqlParams = {
  operation: p.options({ label: 'Operation', options: OPERATIONS, default: 'insert' }),
  query: p.string({
    label: 'Query',
    description:
      'The SQL to execute. Put values in Query Parameters and refer to them as $1, $2… (MySQL: ? also works) rather than writing expressions into the SQL.',
    rows: 6,
    widget: 'code',
    placeholder: 'SELECT id, name FROM product WHERE quantity > $1 AND price <= $2',
    required: true,
    displayOptions: { show: { operation: ['executeQuery'] } },
  }),
  columns: p.custom<ColumnMapping>({
    kind: 'resourceMapper',
    widget: 'json',
    label: 'Columns',
    description:
      'Map each input field to the column of the same name ("autoMapInputData"), or give column values below ("defineBelow"). Update and upsert match rows on "matchingColumns".',
    schema: columnsSchema,
    default: { mappingMode: 'autoMapInputData', value: null, matchingColumns: [] },
    displayOptions: writes,
  }),
  deleteCommand: p.options({
    label: 'Command',
    options: [
      {
        value: 'truncate',
        label: 'Truncate',
        description: "Only removes the table's data and preserves the table's structure",
      },
      {
        value: 'delete',
        label: 'Delete',
        description: 'Delete the rows that match the "Select Rows" conditions below',
      },
      {
        value: 'drop',
        label: 'Drop',
        description: "Deletes the table's data and also the table's structure permanently",
      },
    ],
    default: 'truncate',
    displayOptions: { show: { operation: ['deleteTable'] } },
  }),
  returnAll: p.boolean({
    label: 'Return All',
    description: 'Whether to return all results or only up to a given limit',
    default: false,
    displayOptions: { show: { operation: ['select'] } },
  }),
  limit: p.number({
    label: 'Limit',
    description: 'Max number of results to return',
    default: 50,
    min: 1,
    integer: true,
    displayOptions: { show: { operation: ['select'], returnAll: [false] } },
  }),
  where: p.object({
    label: 'Select Rows',
    description: 'Only rows matching these conditions (none: every row).',
    displayOptions: filtered,
    fields: {
      values: p.list({
        label: 'Values',
        addLabel: 'Add Condition',
        fields: {
          column: p.string({ label: 'Column', required: true }),
          condition: p.options({
            label: 'Operator',
            options: WHERE_CONDITIONS.map((value) => ({ value, label: value === 'equal' ? 'Equal' : value })),
            default: 'equal',
          }),
          value: p.string({
            label: 'Value',
            displayOptions: { hide: { condition: ['IS NULL', 'IS NOT NULL'] } },
          }),
        },
      }),
    },
  }),
  combineConditions: p.options({
    label: 'Combine Conditions',
    options: [
      { value: 'AND', label: 'AND', description: 'Only rows that meet all the conditions' },
      { value: 'OR', label: 'OR', description: 'Rows that meet at least one condition' },
    ],
    default: 'AND',
    displayOptions: filtered,
  }),
  sort: p.object({
    label: 'Sort',
    displayOptions: { show: { operation: ['select'] } },
    fields: {
      values: p.list({
        label: 'Values',
        addLabel: 'Add Sort Rule',
        fields: {
          column: p.string({ label: 'Column', required: true }),
          direction: p.options({
            label: 'Direction',
            options: [
              { value: 'ASC', label: 'ASC' },
              { value: 'DESC', label: 'DESC' },
            ],
            default: 'ASC',
          }),
        },
      }),
    },
  }),
  options: p.collection({
    label: 'Options',
    fields: {
      queryReplacement: p.custom<QueryReplacement>({
        kind: 'string',
        widget: 'text',
        label: 'Query Parameters',
        description:
          'Values for $1, $2… in the query: comma-separated text, or an expression giving an array (for values that contain commas).',
        placeholder: 'e.g. value1,value2,value3',
        schema: queryReplacement,
        default: '',
        displayOptions: { show: { '/operation': ['executeQuery'] } },
      }),
      queryBatching: p.options({
        label: 'Query Batching',
        description: 'How the statements of several input items run.',
        options: [
          { value: 'single', label: 'Single Query', description: 'One transaction for all incoming items' },
          {
            value: 'independently',
            label: 'Each Item Independently',
            description: 'Each item on its own; one failing does not undo the others',
          },
          {
            value: 'transaction',
            label: 'Transaction',
            description: 'All items in one transaction: one failing undoes them all',
          },
        ],
        default: 'single',
      }),
      outputColumns: p.custom<string[]>({
        kind: 'multiOptions',
        widget: 'text',
        label: 'Output Columns',
        description: 'Columns to output (comma-separated; empty: all).',
        schema: stringList,
        default: [],
        displayOptions: { show: { '/operation': ['select', 'insert', 'update', 'upsert'] } },
      }),
      skipOnConflict: p.boolean({
        label: 'Skip on Conflict',
        description: 'Whether to skip a row that conflicts with a unique key instead of failing',
        default: false,
        displayOptions: { show: { '/operation': ['insert'] } },
      }),
      replaceEmptyStrings: p.boolean({
        label: 'Replace Empty Strings with NULL',
        description: 'Whether to write empty strings as NULL',
        default: false,
        displayOptions: { show: { '/operation': ['insert', 'update', 'upsert', 'executeQuery'] } },
      }),
      cascade: p.boolean({
        label: 'Cascade',
        description: 'Whether to drop or truncate the objects that depend on the table too (PostgreSQL)',
        default: false,
        displayOptions: { show: { '/operation': ['deleteTable'] } },
      }),
    },
  }),
};

export type SqlParams = {
  operation: (typeof OPERATIONS)[number]['value'];
  schema?: string;
  table: string;
  query: string;
  columns: ColumnMapping;
  deleteCommand: 'truncate' | 'delete' | 'drop';
  restartSequences?: boolean;
  returnAll: boolean;
  limit: number;
  where: { values: { column: string; condition: (typeof WHERE_CONDITIONS)[number]; value: string }[] };
  combineConditions: 'AND' | 'OR';
  sort: { values: { column: string; direction: 'ASC' | 'DESC' }[] };
  options: {
    queryReplacement?: QueryReplacement;
    queryBatching?: 'single' | 'independently' | 'transaction';
    outputColumns?: string[];
    skipOnConflict?: boolean;
    replaceEmptyStrings?: boolean;
    cascade?: boolean;
  };
};

/**
 * Sort, parameters as n8n Sort v1. The "code" type runs the comparator in an
 * isolated-vm isolate (n8n uses vm2 in the host process). Output items are
 * re-paired to their input positions.
 */
import { defineNode, GuixuError, type Item, p } from '@guixu/core';
import { getField } from '../shared/field-paths.ts';
import { compareByFields } from './field-order.ts';
import { sandboxTenantOf } from '../code/sandbox/tenant.ts';
import { SandboxPool } from '../code/sandbox/sandbox-client.ts';
import { sortByCode } from './sort-code.ts';

function paired(items: readonly Item[], order: readonly number[]): Item[] {
  return order.map((index) => ({ ...items[index], pairedItem: { item: index } }));
}

function shuffled(length: number): number[] {
  const order = Array.from({ length }, (_, i) => i);
  for (let i = length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [order[i], order[j]] = [order[j], order[i]];
  }
  return order;
}

export default defineNode({
  type: 'guixu.sort',
  version: 1,
  displayName: 'Sort',
  description: 'Changes the order of items by fields, randomly, or with a code comparator.',
  group: 'data',
  icon: 'arrow-down-wide-narrow',
  defaultName: 'Sort',
  inputs: ['main'],
  outputs: ['main'],
  docs: [
    '"Simple" sorts by one or more fields (dot notation allowed), each ascending or descending;',
    'text compares case-insensitively. "Random" shuffles. "Code" takes the body of a JavaScript',
    'comparator `(a, b) => { … }` over items (`a.json.price - b.json.price`), run in a sandbox.',
  ].join('\n'),
  params: {
    type: p.options({
      label: 'Type',
      options: [
        { value: 'simple', label: 'Simple' },
        { value: 'random', label: 'Random' },
        { value: 'code', label: 'Code' },
      ],
      default: 'simple',
    }),
    sortFieldsUi: p.object({
      label: 'Fields To Sort By',
      displayOptions: { show: { type: ['simple'] } },
      fields: {
        sortField: p.list({
          label: 'Sort Field',
          addLabel: 'Add Field To Sort By',
          fields: {
            fieldName: p.string({ label: 'Field Name', required: true, placeholder: 'e.g. id' }),
            order: p.options({
              label: 'Order',
              options: [
                { value: 'ascending', label: 'Ascending' },
                { value: 'descending', label: 'Descending' },
              ],
              default: 'ascending',
            }),
          },
        }),
      },
    }),
    code: p.code({
      label: 'Code',
      language: 'javascript',
      description:
        'Body of a comparator function over items `a` and `b`; return a negative, zero or positive number.',
      default:
        "// The two items to compare are in the variables a and b\n// Access the fields in a.json and b.json\n// Return -1 if a should go before b\n// Return 1 if b should go before a\n// Return 0 if there's no difference\n\nfieldName = 'myField';\n\nif (a.json[fieldName] < b.json[fieldName]) {\n\treturn -1;\n}\nif (a.json[fieldName] > b.json[fieldName]) {\n\treturn 1;\n}\nreturn 0;",
      displayOptions: { show: { type: ['code'] } },
    }),
    options: p.collection({
      label: 'Options',
      displayOptions: { show: { type: ['simple'] } },
      fields: {
        disableDotNotation: p.boolean({
          label: 'Disable Dot Notation',
          description: 'Whether to disallow referencing child fields using `parent.child` in the field name.',
          default: false,
        }),
      },
    }),
  },
  async run(ctx) {
    const params = ctx.params(0);
    const items = ctx.items;
    const node = ctx.node.name;
    if (params.type === 'random') return [paired(items, shuffled(items.length))];
    if (params.type === 'code')
      return [
        paired(
          items,
          await sortByCode(items, params.code, {
            nodeName: node,
            signal: ctx.signal,
            tenant: sandboxTenantOf(ctx.services, ctx.workflow.id),
            ...(ctx.services.codeSandbox instanceof SandboxPool ? { pool: ctx.services.codeSandbox } : {}),
          }),
        ),
      ];

    const fields = params.sortFieldsUi.sortField;
    if (fields.length === 0) {
      throw new GuixuError('SORT_NO_FIELDS', 'No sorting specified. Please add a field to sort by', {
        node,
        parameter: 'sortFieldsUi.sortField',
      });
    }
    const disableDotNotation = params.options.disableDotNotation === true;
    for (const [k, { fieldName }] of fields.entries()) {
      if (items.some((item) => getField(item.json, fieldName, disableDotNotation) !== undefined)) continue;
      throw new GuixuError(
        'SORT_FIELD_NOT_FOUND',
        `Couldn't find the field '${fieldName}' in the input data`,
        {
          node,
          parameter: `sortFieldsUi.sortField[${k}].fieldName`,
          description:
            disableDotNotation && fieldName.includes('.')
              ? "If you're trying to use a nested field, make sure you turn off 'disable dot notation' in the node options"
              : undefined,
        },
      );
    }
    const compare = compareByFields(fields, disableDotNotation);
    const order = Array.from({ length: items.length }, (_, i) => i);
    order.sort((a, b) => compare(items[a].json, items[b].json));
    return [paired(items, order)];
  },
});

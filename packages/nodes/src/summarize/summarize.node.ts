/**
 * Summarize, parameters as n8n Summarize v1.1. Deviations: groups come out in
 * the order they are first seen (n8n orders numeric-looking group values
 * first, an artefact of object keys), a split field keeps the original value
 * of its group's first item, an empty "Field" entry is skipped, and an
 * average over no numbers is null.
 */
import { defineNode, GuixuError, type Item, type JsonObject, p } from '@guixu/core';
import { getField, splitFieldList } from '../shared/field-paths.ts';
import { type Aggregation, aggregate, cleanKey, outputKey } from './aggregations.ts';

interface Group {
  value: unknown;
  indexes: number[];
  children?: Map<string, Group>;
}

function groupKey(value: unknown): string {
  return typeof value === 'object' && value !== null ? JSON.stringify(value) : String(value);
}

export default defineNode({
  type: 'guixu.summarize',
  version: 1,
  displayName: 'Summarize',
  description: 'Sums, counts, averages, concatenates… field values across items, optionally per group.',
  group: 'data',
  icon: 'sigma',
  defaultName: 'Summarize',
  inputs: ['main'],
  outputs: ['main'],
  docs: [
    'Computes each aggregation over all items (or per group of "Fields to Split By") and names the',
    'result like n8n: `count_field`, `unique_count_field`, `sum_field`, `average_field`, `min_field`,',
    '`max_field`, `appended_field`, `concatenated_field` (dots and spaces become `_`). Sum and average',
    'use only numbers; empty values (null, missing, "") are ignored unless "Include Empty Values".',
    'Output is one item per group, or everything in one nested item.',
  ].join('\n'),
  params: {
    fieldsToSummarize: p.object({
      label: 'Fields to Summarize',
      default: {
        values: [
          { aggregation: 'count', field: '', includeEmpty: false, separateBy: ',', customSeparator: '' },
        ],
      },
      fields: {
        values: p.list({
          label: 'Field',
          addLabel: 'Add Field',
          fields: {
            aggregation: p.options({
              label: 'Aggregation',
              options: [
                { value: 'append', label: 'Append' },
                { value: 'average', label: 'Average' },
                { value: 'concatenate', label: 'Concatenate' },
                { value: 'count', label: 'Count' },
                { value: 'countUnique', label: 'Count Unique' },
                { value: 'max', label: 'Max' },
                { value: 'min', label: 'Min' },
                { value: 'sum', label: 'Sum' },
              ],
              default: 'count',
            }),
            field: p.string({
              label: 'Field',
              description: 'The input field to summarize.',
              placeholder: 'e.g. cost',
            }),
            includeEmpty: p.boolean({
              label: 'Include Empty Values',
              default: false,
              displayOptions: { show: { aggregation: ['append', 'concatenate'] } },
            }),
            separateBy: p.options({
              label: 'Separator',
              options: [
                { value: ',', label: 'Comma' },
                { value: ', ', label: 'Comma and Space' },
                { value: '\n', label: 'New Line' },
                { value: '', label: 'None' },
                { value: ' ', label: 'Space' },
                { value: 'other', label: 'Other' },
              ],
              default: ',',
              displayOptions: { show: { aggregation: ['concatenate'] } },
            }),
            customSeparator: p.string({
              label: 'Custom Separator',
              displayOptions: { show: { aggregation: ['concatenate'], separateBy: ['other'] } },
            }),
          },
        }),
      },
    }),
    fieldsToSplitBy: p.string({
      label: 'Fields to Split By',
      description: 'Comma-separated input fields to split (group) the summary by.',
      placeholder: 'e.g. country, city',
    }),
    options: p.collection({
      label: 'Options',
      fields: {
        continueIfFieldNotFound: p.boolean({
          label: 'Continue if Field Not Found',
          description: 'Kept for imported workflows: a missing field only adds a hint in this version.',
          default: false,
        }),
        disableDotNotation: p.boolean({
          label: 'Disable Dot Notation',
          description: 'Whether to disallow referencing child fields using `parent.child` in the field name.',
          default: false,
        }),
        outputFormat: p.options({
          label: 'Output Format',
          options: [
            { value: 'separateItems', label: 'Each Split in a Separate Item' },
            { value: 'singleItem', label: 'All Splits in a Single Item' },
          ],
          default: 'separateItems',
        }),
        skipEmptySplitFields: p.boolean({
          label: 'Ignore items without valid fields to group by',
          default: false,
        }),
      },
    }),
  },
  run(ctx) {
    const params = ctx.params(0);
    const node = ctx.node.name;
    const items = ctx.items;
    const options = params.options;
    const disableDots = options.disableDotNotation === true;
    const entries: Aggregation[] = params.fieldsToSummarize.values.filter((entry) => entry.field !== '');
    if (entries.length === 0) {
      throw new GuixuError(
        'SUMMARIZE_NO_FIELDS',
        "You need to add at least one aggregation to 'Fields to Summarize' with non empty 'Field'",
        { node, parameter: 'fieldsToSummarize.values' },
      );
    }
    const splitBy = splitFieldList(params.fieldsToSplitBy);
    const fieldOf = (index: number, field: string) => getField(items[index].json, field, disableDots);

    const summarize = (indexes: readonly number[]): JsonObject => {
      const json: JsonObject = {};
      for (const entry of entries) {
        json[outputKey(entry)] = aggregate(
          indexes.map((i) => fieldOf(i, entry.field)),
          entry,
        ) as JsonObject[string];
      }
      return json;
    };

    const split = (indexes: readonly number[], level: number): Map<string, Group> => {
      const groups = new Map<string, Group>();
      const field = splitBy[level];
      for (const index of indexes) {
        const value = fieldOf(index, field);
        if (options.skipEmptySplitFields && typeof value !== 'number' && !value) continue;
        const key = groupKey(value);
        const group = groups.get(key) ?? { value, indexes: [] };
        group.indexes.push(index);
        groups.set(key, group);
      }
      if (level + 1 < splitBy.length) {
        for (const group of groups.values()) group.children = split(group.indexes, level + 1);
      }
      return groups;
    };

    const all = items.map((_, i) => i);
    const pairAll = all.map((item) => ({ item }));
    const hints = entries
      .filter((entry) => !all.some((i) => fieldOf(i, entry.field) !== undefined))
      .map((entry) => `The field '${entry.field}' does not exist in any items`);
    const done = (output: Item[]) => (hints.length > 0 ? { outputs: [output], hints } : [output]);

    if (splitBy.length === 0) {
      return done([{ json: summarize(all), pairedItem: pairAll }]);
    }
    const root = split(all, 0);
    if (options.outputFormat === 'singleItem') {
      const nest = (groups: Map<string, Group>): JsonObject => {
        const json: JsonObject = {};
        for (const [key, group] of groups) {
          Object.defineProperty(json, key, {
            value: group.children ? nest(group.children) : summarize(group.indexes),
            enumerable: true,
            writable: true,
            configurable: true,
          });
        }
        return json;
      };
      return done([{ json: nest(root), pairedItem: pairAll }]);
    }
    const names = splitBy.map(cleanKey);
    const output: Item[] = [];
    // Key order as n8n: the summaries, then the split fields from the innermost out.
    const flatten = (groups: Map<string, Group>, level: number, outer: [string, JsonObject[string]][]) => {
      for (const group of groups.values()) {
        const splits: [string, JsonObject[string]][] = [
          [names[level], (group.value ?? null) as JsonObject[string]],
          ...outer,
        ];
        if (group.children) flatten(group.children, level + 1, splits);
        else {
          const json = summarize(group.indexes);
          for (const [key, value] of splits) {
            // defineProperty: a field named "__proto__" stays a field.
            Object.defineProperty(json, key, { value, enumerable: true, writable: true, configurable: true });
          }
          output.push({ json, pairedItem: group.indexes.map((item) => ({ item })) });
        }
      }
    };
    flatten(root, 0, []);
    return done(output);
  },
});

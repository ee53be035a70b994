/**
 * Aggregate, parameters as n8n Aggregate v1 (including the newer
 * `options.groupByFields`). Deviation: `outputFieldName` is used only when
 * `renameField` is on (n8n also reads it when hidden).
 */
import { defineNode, GuixuError, type Item, type JsonObject, p } from '@guixu/core';
import { getField, setField, splitFieldList } from '../shared/field-paths.ts';
import {
  aggregateIndividualFields,
  type IncludeFields,
  type IndividualOptions,
  outputNames,
  selectTopLevelFields,
} from './aggregate-fields.ts';
import { collectBinaries } from './binaries.ts';

interface Group {
  values: unknown[];
  indexes: number[];
}

function overlaps(a: string, b: string): boolean {
  return a === b || a.startsWith(`${b}.`) || b.startsWith(`${a}.`);
}

export default defineNode({
  type: 'guixu.aggregate',
  version: 1,
  displayName: 'Aggregate',
  description: 'Combines a field from many items into a list in a single item.',
  group: 'data',
  icon: 'layers',
  defaultName: 'Aggregate',
  inputs: ['main'],
  outputs: ['main'],
  docs: [
    '"Individual Fields" collects the values of each chosen field across all items into a list',
    '(missing and null values skipped unless "Keep Missing And Null Values"; lists flattened with',
    '"Merge Lists"). "All Item Data" puts every item\'s JSON into one list field. "Group By Fields"',
    'outputs one item per distinct combination of the group fields instead of a single item.',
  ].join('\n'),
  params: {
    aggregate: p.options({
      label: 'Aggregate',
      options: [
        { value: 'aggregateIndividualFields', label: 'Individual Fields' },
        { value: 'aggregateAllItemData', label: 'All Item Data (Into a Single List)' },
      ],
      default: 'aggregateIndividualFields',
    }),
    fieldsToAggregate: p.object({
      label: 'Fields To Aggregate',
      displayOptions: { show: { aggregate: ['aggregateIndividualFields'] } },
      fields: {
        fieldToAggregate: p.list({
          label: 'Field To Aggregate',
          addLabel: 'Add Field To Aggregate',
          fields: {
            fieldToAggregate: p.string({
              label: 'Input Field Name',
              description: 'The name of a field in the input items to aggregate together.',
              placeholder: 'e.g. id',
            }),
            renameField: p.boolean({
              label: 'Rename Field',
              description: 'Whether to give the aggregated field a different name in the output.',
              default: false,
            }),
            outputFieldName: p.string({
              label: 'Output Field Name',
              description: 'The name of the field to put the aggregated data in.',
              displayOptions: { show: { renameField: [true] } },
            }),
          },
        }),
      },
    }),
    destinationFieldName: p.string({
      label: 'Put Output in Field',
      description: 'The name of the output field to put the data in.',
      default: 'data',
      displayOptions: { show: { aggregate: ['aggregateAllItemData'] } },
    }),
    include: p.options({
      label: 'Include',
      options: [
        { value: 'allFields', label: 'All Fields' },
        { value: 'specifiedFields', label: 'Specified Fields' },
        { value: 'allFieldsExcept', label: 'All Fields Except' },
      ],
      default: 'allFields',
      displayOptions: { show: { aggregate: ['aggregateAllItemData'] } },
    }),
    fieldsToExclude: p.string({
      label: 'Fields To Exclude',
      description: 'Comma-separated top-level fields to leave out.',
      displayOptions: { show: { include: ['allFieldsExcept'] } },
    }),
    fieldsToInclude: p.string({
      label: 'Fields To Include',
      description: 'Comma-separated top-level fields to keep.',
      displayOptions: { show: { include: ['specifiedFields'] } },
    }),
    options: p.collection({
      label: 'Options',
      fields: {
        groupByFields: p.string({
          label: 'Group By Fields',
          description: 'Comma-separated fields; one output item per distinct combination of their values.',
          placeholder: 'e.g. category, type',
        }),
        disableDotNotation: p.boolean({
          label: 'Disable Dot Notation',
          description: 'Whether to disallow referencing child fields using `parent.child` in the field name.',
          default: false,
        }),
        mergeLists: p.boolean({
          label: 'Merge Lists',
          description: 'Whether to merge lists into a single flat list rather than a list of lists.',
          default: false,
        }),
        includeBinaries: p.boolean({
          label: 'Include Binaries',
          description: 'Whether to include the binary data of the aggregated items in the new item.',
          default: false,
        }),
        keepOnlyUnique: p.boolean({
          label: 'Keep Only Unique Binaries',
          description: 'Whether to keep binaries once when mime type, file type, size and extension match.',
          default: false,
        }),
        keepMissing: p.boolean({
          label: 'Keep Missing And Null Values',
          description: 'Whether to add a null entry to the aggregated list for a missing or null value.',
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
    const individual: IndividualOptions = {
      disableDotNotation: options.disableDotNotation === true,
      mergeLists: options.mergeLists === true,
      keepMissing: options.keepMissing === true,
    };
    const fields = params.fieldsToAggregate.fieldToAggregate;
    const byFields = params.aggregate === 'aggregateIndividualFields';
    if (byFields && fields.length === 0) {
      throw new GuixuError('AGGREGATE_NO_FIELDS', 'No fields specified', {
        node,
        parameter: 'fieldsToAggregate.fieldToAggregate',
        description: 'Please add a field to aggregate',
      });
    }
    const names = byFields ? outputNames(fields, individual, node) : [];
    const groupBy = splitFieldList(options.groupByFields);
    const destination = params.destinationFieldName;
    const conflict = groupBy.find((g) =>
      byFields ? names.some((n) => overlaps(n, g)) : overlaps(destination, g),
    );
    if (conflict !== undefined) {
      throw new GuixuError(
        'AGGREGATE_GROUP_CONFLICT',
        `An output field conflicts with the Group By field '${conflict}'`,
        {
          node,
          parameter: 'options.groupByFields',
          description: 'Rename the output field or group by another field',
        },
      );
    }
    const include: IncludeFields = params.include;
    const listed = splitFieldList(
      include === 'specifiedFields' ? params.fieldsToInclude : params.fieldsToExclude,
    );
    const seen = new Map<string, boolean>();

    const build = (indexes: readonly number[], base: Record<string, unknown>): Item => {
      const jsons = indexes.map((i) => items[i].json);
      let json: JsonObject;
      let paired = indexes;
      if (byFields) {
        json = {
          ...base,
          ...aggregateIndividualFields(jsons, fields, names, individual, seen),
        } as JsonObject;
      } else {
        const selected = selectTopLevelFields(jsons, include, listed);
        paired = selected.map((s) => indexes[s.index]);
        json = base as JsonObject;
        setField(
          json,
          destination,
          selected.map((s) => s.json),
          true,
        );
      }
      const item: Item = { json, pairedItem: paired.map((i) => ({ item: i })) };
      if (options.includeBinaries) {
        const binary = collectBinaries(
          indexes.map((i) => items[i]),
          options.keepOnlyUnique === true,
        );
        if (binary) item.binary = binary;
      }
      return item;
    };

    let output: Item[];
    if (groupBy.length === 0) {
      output = [
        build(
          items.map((_, i) => i),
          {},
        ),
      ];
    } else {
      const groups = new Map<string, Group>();
      for (const [index, item] of items.entries()) {
        const values = groupBy.map((field) => {
          const value = getField(item.json, field, individual.disableDotNotation);
          if (typeof value === 'object' && value !== null) {
            throw new GuixuError(
              'AGGREGATE_GROUP_NOT_SCALAR',
              `Field "${field}" has a non-scalar value which cannot be used for grouping [item ${index}]`,
              {
                node,
                parameter: 'options.groupByFields',
                details: { itemIndex: index },
                description:
                  'Only scalar values (string, number, boolean, null) can be used in "Group By Fields".',
              },
            );
          }
          return value;
        });
        const key = JSON.stringify(values);
        const group = groups.get(key) ?? { values, indexes: [] };
        group.indexes.push(index);
        groups.set(key, group);
      }
      output = [...groups.values()].map((group) => {
        const base: Record<string, unknown> = {};
        groupBy.forEach((field, k) => {
          setField(base, field, group.values[k] ?? null, individual.disableDotNotation);
        });
        const item = build(group.indexes, base);
        item.pairedItem = { item: group.indexes[0] };
        return item;
      });
    }

    const hints = [...seen.entries()]
      .filter(([, found]) => !found)
      .map(([field]) => `The field '${field}' wasn't found in any input item`);
    return hints.length > 0 ? { outputs: [output], hints } : [output];
  },
});

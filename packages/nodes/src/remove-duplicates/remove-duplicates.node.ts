/**
 * Remove Duplicates, parameters as n8n Remove Duplicates v2 (the
 * "removeDuplicateInputItems" operation; the operations that remember items
 * across executions are not offered yet). Deviations: "All Fields Except"
 * removes the excluded paths (nested ones too) before comparing, and items
 * whose compared fields differ in type are simply different (n8n stops with
 * "isn't always the same type").
 */
import { defineNode, GuixuError, type Item, p } from '@guixu/core';
import { deleteField, getField, setField, splitFieldList } from '../shared/field-paths.ts';
import { signature } from './item-signature.ts';

export default defineNode({
  type: 'guixu.removeDuplicates',
  version: 1,
  displayName: 'Remove Duplicates',
  description: 'Removes items whose fields repeat those of an earlier item.',
  group: 'data',
  icon: 'copy-minus',
  defaultName: 'Remove Duplicates',
  inputs: ['main'],
  outputs: ['main'],
  docs: [
    'Keeps the first of each set of items that are equal in all fields, all fields but some,',
    'or selected fields (deep equality; key order does not matter). "Remove Other Fields" outputs',
    'only the compared fields.',
  ].join('\n'),
  params: {
    operation: p.options({
      label: 'Operation',
      options: [
        {
          value: 'removeDuplicateInputItems',
          label: 'Remove Items Repeated Within Current Input',
          description: 'Remove duplicates from incoming items',
        },
      ],
      default: 'removeDuplicateInputItems',
    }),
    compare: p.options({
      label: 'Compare',
      description: 'The fields of the input items to compare to see if they are the same.',
      options: [
        { value: 'allFields', label: 'All Fields' },
        { value: 'allFieldsExcept', label: 'All Fields Except' },
        { value: 'selectedFields', label: 'Selected Fields' },
      ],
      default: 'allFields',
    }),
    fieldsToExclude: p.string({
      label: 'Fields To Exclude',
      description: 'Comma-separated fields to leave out of the comparison.',
      placeholder: 'e.g. email, name',
      displayOptions: { show: { compare: ['allFieldsExcept'] } },
    }),
    fieldsToCompare: p.string({
      label: 'Fields To Compare',
      description: 'Comma-separated fields to compare.',
      placeholder: 'e.g. email, name',
      displayOptions: { show: { compare: ['selectedFields'] } },
    }),
    options: p.collection({
      label: 'Options',
      fields: {
        disableDotNotation: p.boolean({
          label: 'Disable Dot Notation',
          description: 'Whether to disallow referencing child fields using `parent.child` in the field name.',
          default: false,
        }),
        removeOtherFields: p.boolean({
          label: 'Remove Other Fields',
          description: 'Whether to remove any fields that are not being compared.',
          default: false,
          displayOptions: { show: { '/compare': ['selectedFields'] } },
        }),
      },
    }),
  },
  run(ctx) {
    const params = ctx.params(0);
    const node = ctx.node.name;
    const disableDots = params.options.disableDotNotation === true;
    const compare = params.compare;
    const excluded = compare === 'allFieldsExcept' ? splitFieldList(params.fieldsToExclude) : [];
    const compared = compare === 'selectedFields' ? splitFieldList(params.fieldsToCompare) : [];
    if (compare === 'allFieldsExcept' && excluded.length === 0) {
      throw new GuixuError(
        'REMOVE_DUPLICATES_NO_FIELDS',
        'No fields specified. Please add a field to exclude from comparison',
        {
          node,
          parameter: 'fieldsToExclude',
        },
      );
    }
    if (compare === 'selectedFields' && compared.length === 0) {
      throw new GuixuError(
        'REMOVE_DUPLICATES_NO_FIELDS',
        'No fields specified. Please add a field to compare on',
        {
          node,
          parameter: 'fieldsToCompare',
        },
      );
    }
    const keyOf = (item: Item): string => {
      if (compare === 'selectedFields')
        return signature(compared.map((f) => getField(item.json, f, disableDots)));
      if (compare === 'allFields') return signature(item.json);
      const rest: Record<string, unknown> = { ...item.json };
      for (const field of excluded) deleteField(rest, field, disableDots);
      return signature(rest);
    };
    const removeOthers = compare === 'selectedFields' && params.options.removeOtherFields === true;
    const seen = new Set<string>();
    const output: Item[] = [];
    for (const [index, item] of ctx.items.entries()) {
      const key = keyOf(item);
      if (seen.has(key)) continue;
      seen.add(key);
      if (!removeOthers) {
        output.push({ ...item, pairedItem: { item: index } });
        continue;
      }
      const json: Record<string, unknown> = {};
      for (const field of compared) {
        const value = getField(item.json, field, disableDots);
        if (value !== undefined) setField(json, field, value, disableDots);
      }
      output.push({ json: json as Item['json'], pairedItem: { item: index } });
    }
    return [output];
  },
});

/** Split Out, parameters as n8n Split Out v1. */
import { defineNode, GuixuError, type Item, type JsonObject, p } from '@guixu/core';
import { deleteField, getField, splitFieldList } from '../shared/field-paths.ts';
import { mapItems } from '../shared/item-errors.ts';

/** What one field contributes: the elements to spread over output items. */
function elementsOf(value: unknown): unknown[] {
  if (value === undefined) return [];
  if (typeof value !== 'object' || value === null) return [value];
  return Array.isArray(value) ? value : Object.values(value);
}

function writeKey(json: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(json, key, { value, writable: true, enumerable: true, configurable: true });
}

export default defineNode({
  type: 'guixu.splitOut',
  version: 1,
  displayName: 'Split Out',
  description: 'Turns a list inside an item into separate items.',
  group: 'data',
  icon: 'split',
  defaultName: 'Split Out',
  inputs: ['main'],
  outputs: ['main'],
  docs: [
    'For each input item, outputs one item per element of the list in "Fields To Split Out"',
    '(an object splits into its values, a single value into one item). Several comma-separated',
    'fields are split side by side. `$binary` splits the binary files into one item each.',
    'Other input fields can be dropped, kept, or selected.',
  ].join('\n'),
  params: {
    fieldToSplitOut: p.string({
      label: 'Fields To Split Out',
      description: 'The name of the input fields to break out into separate items (comma-separated).',
      placeholder: 'Drag fields from the left or type their names',
      required: true,
    }),
    include: p.options({
      label: 'Include',
      options: [
        { value: 'noOtherFields', label: 'No Other Fields' },
        { value: 'allOtherFields', label: 'All Other Fields' },
        { value: 'selectedOtherFields', label: 'Selected Other Fields' },
      ],
      default: 'noOtherFields',
      description: 'Whether to copy any other fields into the new items.',
    }),
    fieldsToInclude: p.string({
      label: 'Fields To Include',
      description: 'Comma-separated input fields to copy into every new item.',
      placeholder: 'e.g. email, name',
      displayOptions: { show: { include: ['selectedOtherFields'] } },
    }),
    options: p.collection({
      label: 'Options',
      fields: {
        disableDotNotation: p.boolean({
          label: 'Disable Dot Notation',
          description: 'Whether to disallow referencing child fields using `parent.child` in the field name.',
          default: false,
        }),
        destinationFieldName: p.string({
          label: 'Destination Field Name',
          description:
            'The field in the output under which to put the split field contents (comma-separated).',
        }),
        includeBinary: p.boolean({
          label: 'Include Binary',
          description: 'Whether to include the binary data in the new items.',
          default: false,
        }),
      },
    }),
  },
  run(ctx) {
    const found = new Map<string, boolean>();
    const output = mapItems(ctx, (input, i) => {
      const params = ctx.params(i);
      const fields = splitFieldList(params.fieldToSplitOut);
      if (fields.length === 0) {
        throw new GuixuError('SPLIT_OUT_NO_FIELD', `No field to split out is given [item ${i}]`, {
          parameter: 'fieldToSplitOut',
          details: { itemIndex: i },
        });
      }
      const disableDots = params.options.disableDotNotation === true;
      const destinations = splitFieldList(params.options.destinationFieldName);
      if (destinations.length > 0 && destinations.length !== fields.length) {
        throw new GuixuError(
          'SPLIT_OUT_DESTINATIONS',
          'If multiple fields to split out are given, the same number of destination fields must be given',
          { parameter: 'options.destinationFieldName', details: { itemIndex: i } },
        );
      }
      const include = params.include;
      const multiSplit = fields.length > 1;
      const split: Item[] = [];
      const entryAt = (index: number): Item => {
        split[index] ??= { json: {}, pairedItem: { item: i } };
        return split[index];
      };
      for (const [f, field] of fields.entries()) {
        if (field === '$binary') {
          Object.entries(input.binary ?? {}).forEach(([key, ref], index) => {
            const entry = entryAt(index);
            entry.binary = { ...entry.binary, [key]: ref };
          });
          continue;
        }
        const value = getField(input.json, field, disableDots);
        found.set(field, found.get(field) === true || value !== undefined);
        const destination = destinations[f] ?? '';
        const name = destination || field;
        elementsOf(value).forEach((element, index) => {
          const entry = entryAt(index);
          const spread =
            typeof element === 'object' &&
            element !== null &&
            !Array.isArray(element) &&
            include === 'noOtherFields' &&
            destination === '' &&
            !multiSplit;
          if (spread) entry.json = { ...entry.json, ...(element as JsonObject) };
          else writeKey(entry.json, name, element);
        });
      }
      const selected = include === 'selectedOtherFields' ? splitFieldList(params.fieldsToInclude) : [];
      if (include === 'selectedOtherFields' && selected.length === 0) {
        throw new GuixuError('SPLIT_OUT_NO_FIELDS_TO_INCLUDE', `No fields specified [item ${i}]`, {
          parameter: 'fieldsToInclude',
          description: 'Please add a field to include',
          details: { itemIndex: i },
        });
      }
      for (const entry of split) {
        if (include === 'allOtherFields') {
          const rest: Record<string, unknown> = { ...input.json };
          for (const field of fields) deleteField(rest, field, disableDots);
          entry.json = { ...rest, ...entry.json } as JsonObject;
        } else if (include === 'selectedOtherFields') {
          for (const field of selected) writeKey(entry.json, field, getField(input.json, field, disableDots));
        }
        if (params.options.includeBinary && input.binary && !entry.binary) entry.binary = input.binary;
      }
      return split.filter((entry) => entry !== undefined);
    });
    const hints = [...found.entries()]
      .filter(([, seen]) => !seen)
      .map(([field]) => `The field '${field}' wasn't found in any input item`);
    return hints.length > 0 ? { outputs: [output], hints } : [output];
  },
});

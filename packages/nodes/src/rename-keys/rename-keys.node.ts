/** Rename Keys, parameters as n8n Rename Keys v1. */
import { defineNode, GuixuError, type JsonObject, p } from '@guixu/core';
import { deleteField, getField, setField } from '../shared/field-paths.ts';
import { mapItems } from '../shared/item-errors.ts';
import { renameKeysByRegex } from './regex-rename.ts';

function compile(pattern: string, caseInsensitive: boolean, parameter: string, itemIndex: number): RegExp {
  try {
    return new RegExp(pattern, caseInsensitive ? 'i' : undefined);
  } catch (error) {
    throw new GuixuError(
      'RENAME_KEYS_INVALID_REGEX',
      `Invalid regular expression "${pattern}": ${error instanceof Error ? error.message : String(error)} [item ${itemIndex}]`,
      { parameter, details: { itemIndex } },
    );
  }
}

export default defineNode({
  type: 'guixu.renameKeys',
  version: 1,
  displayName: 'Rename Keys',
  description: 'Renames fields of every item.',
  group: 'data',
  icon: 'edit-3',
  defaultName: 'Rename Keys',
  inputs: ['main'],
  outputs: ['main'],
  docs: [
    'Moves each "Current Key Name" to its "New Key Name" (both allow dot notation, so a field can',
    'move into or out of nested objects). Keys that do not exist are skipped. Regex replacements',
    'then rename every key matching a pattern, with `$1`-style captures, optionally limited in depth.',
  ].join('\n'),
  params: {
    keys: p.object({
      label: 'Keys',
      fields: {
        key: p.list({
          label: 'Key',
          addLabel: 'Add new key',
          fields: {
            currentKey: p.string({
              label: 'Current Key Name',
              description:
                'The current name of the key (dot notation like "level1.level2.currentKey" allowed).',
              placeholder: 'currentKey',
            }),
            newKey: p.string({
              label: 'New Key Name',
              description: 'The name the key should be renamed to (dot notation allowed).',
              placeholder: 'newKey',
            }),
          },
        }),
      },
    }),
    additionalOptions: p.collection({
      label: 'Additional Options',
      fields: {
        regexReplacement: p.object({
          label: 'Regex',
          fields: {
            replacements: p.list({
              label: 'Replacement',
              addLabel: 'Add new regular expression',
              fields: {
                searchRegex: p.string({
                  label: 'Regular Expression',
                  description: 'Regex to match the key name.',
                  placeholder: 'e.g. [N-n]ame',
                }),
                replaceRegex: p.string({
                  label: 'Replace With',
                  description: 'The new key name; regex captures like $1, $2 can be used.',
                  placeholder: 'replacedName',
                }),
                options: p.collection({
                  label: 'Options',
                  fields: {
                    caseInsensitive: p.boolean({ label: 'Case Insensitive', default: false }),
                    depth: p.number({
                      label: 'Max Depth',
                      description: 'Maximum depth to replace keys (-1 for unlimited, 0 for top level only).',
                      default: -1,
                      integer: true,
                    }),
                  },
                }),
              },
            }),
          },
        }),
      },
    }),
  },
  run(ctx) {
    const output = mapItems(ctx, (item, i) => {
      const params = ctx.params(i);
      let json: Record<string, unknown> = { ...item.json };
      for (const { currentKey, newKey } of params.keys.key) {
        if (currentKey === '' || newKey === '' || currentKey === newKey) continue;
        const value = getField(item.json, currentKey);
        if (value === undefined) continue;
        setField(json, newKey, value);
        deleteField(json, currentKey);
      }
      const replacements = params.additionalOptions.regexReplacement?.replacements ?? [];
      for (const [k, { searchRegex, replaceRegex, options }] of replacements.entries()) {
        const parameter = `additionalOptions.regexReplacement.replacements[${k}].searchRegex`;
        const regex = compile(searchRegex, options.caseInsensitive === true, parameter, i);
        json = renameKeysByRegex(json, regex, replaceRegex, options.depth ?? -1) as Record<string, unknown>;
      }
      const out = { json: json as JsonObject, pairedItem: { item: i } };
      return item.binary ? { ...out, binary: item.binary } : out;
    });
    return [output];
  },
});

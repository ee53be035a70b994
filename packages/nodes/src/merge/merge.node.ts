import { defineNode, type Item, type PortSpec, p } from '@guixu/core';
import {
  chooseBranch,
  combineAll,
  combineByFields,
  combineByPosition,
  checkFieldPairs,
} from './merge-modes.ts';
import type { ClashHandling } from './merge-values.ts';

/**
 * Mirrors n8n's Merge v3.2. Not supported: mode `combineBySql` (n8n runs SQL
 * through alasql); such imports fail parameter validation with a clear message.
 * `clashHandling.values.resolveClash` also accepts `preferInput2` (n8n v2's name
 * for `preferLast`).
 */

function inputPorts(params: Record<string, unknown>): PortSpec[] {
  const n = Number(params.numberInputs);
  const count = Number.isInteger(n) && n >= 2 && n <= 10 ? n : 2;
  return Array.from({ length: count }, (_, i) => ({ type: 'main', displayName: `Input ${i + 1}` }));
}

const byFields = { show: { mode: ['combine'], combineBy: ['combineByFields'] } };

export default defineNode({
  type: 'guixu.merge',
  version: 1,
  displayName: 'Merge',
  description:
    'Merges data of several inputs: append, join on fields, pair by position, cross join, or pick one.',
  group: 'flow',
  icon: 'merge',
  defaultName: 'Merge',
  inputs: (params) => inputPorts(params),
  outputs: ['main'],
  params: {
    mode: p.options({
      label: 'Mode',
      default: 'append',
      noExpression: true,
      options: [
        { value: 'append', label: 'Append', description: 'Output items of each input, one after the other' },
        { value: 'combine', label: 'Combine', description: 'Merge matching items together' },
        {
          value: 'chooseBranch',
          label: 'Choose branch',
          description: 'Output data from a specific branch, without modifying it',
        },
      ],
    }),
    combineBy: p.options({
      label: 'Combine by',
      default: 'combineByFields',
      noExpression: true,
      displayOptions: { show: { mode: ['combine'] } },
      options: [
        {
          value: 'combineByFields',
          label: 'Matching fields',
          description: 'Combine items with the same field values',
        },
        { value: 'combineByPosition', label: 'Position', description: 'Combine items based on their order' },
        {
          value: 'combineAll',
          label: 'All possible combinations',
          description: 'Every pairing of every two items (cross join)',
        },
      ],
    }),
    numberInputs: p.number({
      label: 'Number of inputs',
      default: 2,
      min: 2,
      max: 10,
      integer: true,
      noExpression: true,
    }),
    advanced: p.boolean({
      label: 'Fields to match have different names',
      default: false,
      displayOptions: byFields,
    }),
    fieldsToMatchString: p.string({
      label: 'Fields to match',
      placeholder: 'e.g. id, name',
      description: 'Comma-separated fields used to match input items (dot notation reaches nested fields)',
      displayOptions: { show: { ...byFields.show, advanced: [false] } },
    }),
    mergeByFields: p.object({
      label: 'Fields to match',
      displayOptions: { show: { ...byFields.show, advanced: [true] } },
      default: { values: [{ field1: '', field2: '' }] },
      fields: {
        values: p.list({
          label: 'Values',
          addLabel: 'Add fields to match',
          fields: {
            field1: p.string({ label: 'Input 1 field', placeholder: 'e.g. id' }),
            field2: p.string({ label: 'Input 2 field', placeholder: 'e.g. id' }),
          },
        }),
      },
    }),
    joinMode: p.options({
      label: 'Output type',
      default: 'keepMatches',
      displayOptions: byFields,
      options: [
        {
          value: 'keepMatches',
          label: 'Keep matches',
          description: 'Items that match, merged together (inner join)',
        },
        { value: 'keepNonMatches', label: 'Keep non-matches', description: "Items that don't match" },
        {
          value: 'keepEverything',
          label: 'Keep everything',
          description: 'Matches merged plus non-matches (outer join)',
        },
        {
          value: 'enrichInput1',
          label: 'Enrich input 1',
          description: 'All of input 1, with data from input 2 (left join)',
        },
        {
          value: 'enrichInput2',
          label: 'Enrich input 2',
          description: 'All of input 2, with data from input 1 (right join)',
        },
      ],
    }),
    outputDataFrom: p.options({
      label: 'Output data from',
      default: 'both',
      displayOptions: { show: { ...byFields.show, joinMode: ['keepMatches', 'keepNonMatches'] } },
      options: [
        { value: 'both', label: 'Both inputs' },
        { value: 'input1', label: 'Input 1' },
        { value: 'input2', label: 'Input 2' },
      ],
    }),
    chooseBranchMode: p.options({
      label: 'Output type',
      default: 'waitForAll',
      displayOptions: { show: { mode: ['chooseBranch'] } },
      options: [{ value: 'waitForAll', label: 'Wait for all inputs to arrive' }],
    }),
    output: p.options({
      label: 'Output',
      default: 'specifiedInput',
      displayOptions: { show: { mode: ['chooseBranch'] } },
      options: [
        { value: 'specifiedInput', label: 'Data of specified input' },
        { value: 'empty', label: 'A single, empty item' },
      ],
    }),
    useDataOfInput: p.number({
      label: 'Use data of input',
      description: 'The input (starting at 1) whose items are output',
      default: 1,
      integer: true,
      displayOptions: { show: { mode: ['chooseBranch'], output: ['specifiedInput'] } },
    }),
    options: p.collection({
      label: 'Options',
      displayOptions: { show: { mode: ['combine'] } },
      fields: {
        clashHandling: p.object({
          label: 'Clash handling',
          fields: {
            values: p.object({
              label: 'Values',
              fields: {
                resolveClash: p.options({
                  label: 'When field values clash',
                  default: '',
                  options: [
                    { value: '', label: 'Default (prefer the last input)' },
                    { value: 'addSuffix', label: 'Always add input number to field names' },
                    { value: 'preferInput1', label: 'Prefer input 1 version' },
                    { value: 'preferLast', label: 'Prefer last input version' },
                    { value: 'preferInput2', label: 'Prefer input 2 version' },
                  ],
                }),
                mergeMode: p.options({
                  label: 'Merging nested fields',
                  default: 'deepMerge',
                  options: [
                    {
                      value: 'deepMerge',
                      label: 'Deep merge',
                      description: 'Merge at every level of nesting',
                    },
                    {
                      value: 'shallowMerge',
                      label: 'Shallow merge',
                      description: 'Merge at the top level only',
                    },
                  ],
                }),
                overrideEmpty: p.boolean({
                  label: 'Minimize empty fields',
                  description: 'Empty values (null, "") never replace a value from another input',
                  default: false,
                }),
              },
            }),
          },
        }),
        disableDotNotation: p.boolean({
          label: 'Disable dot notation',
          description: 'Whether to disallow referencing child fields using `parent.child` in the field name',
          default: false,
        }),
        fuzzyCompare: p.boolean({
          label: 'Fuzzy compare',
          description: 'Whether to tolerate small type differences when comparing fields (e.g. "3" equals 3)',
          default: false,
        }),
        multipleMatches: p.options({
          label: 'Multiple matches',
          default: 'all',
          options: [
            { value: 'all', label: 'Include all matches' },
            { value: 'first', label: 'Include first match only' },
          ],
        }),
        includeUnpaired: p.boolean({
          label: 'Include any unpaired items',
          description: 'Whether to keep items without a partner at the same position in the other inputs',
          default: false,
        }),
      },
    }),
  },
  docs: `Waits for data on all its inputs, then runs once.

- **Append**: the items of input 1, then input 2, …
- **Combine → matching fields**: SQL-style joins of input 1 and input 2 on one or more fields (inner, outer, left, right, or only the non-matching items).
- **Combine → position**: item 1 of each input merged together, then item 2, …
- **Combine → all possible combinations**: every pair of an input 1 and an input 2 item.
- **Choose branch**: output one input's items unchanged (or a single empty item) once all inputs arrived.

When fields clash, the last input wins by default; choose "prefer input 1" or "add input number to field names" instead. Each output item is paired with the input items it came from.`,
  run(ctx) {
    const params = ctx.params(0);
    const count = inputPorts(params).length;
    const inputs: Item[][] = Array.from({ length: count }, (_, input) =>
      (ctx.inputs[input] ?? []).map((item, index) => ({ ...item, pairedItem: { item: index, input } })),
    );
    const options = params.options;
    const clash: ClashHandling = { ...options.clashHandling?.values };
    if (clash.resolveClash === 'preferInput2') clash.resolveClash = 'preferLast';
    if (params.mode === 'append') return [inputs.flat()];
    if (params.mode === 'chooseBranch') {
      return [chooseBranch(inputs, params.output, params.useDataOfInput, ctx.node.name)];
    }
    if (params.combineBy === 'combineByPosition') {
      return [combineByPosition(inputs, clash, options.includeUnpaired === true)];
    }
    if (params.combineBy === 'combineAll') return [combineAll(inputs[0], inputs[1], clash)];
    const pairs = params.advanced
      ? checkFieldPairs(params.mergeByFields.values, ctx.node.name, 'mergeByFields')
      : checkFieldPairs(
          params.fieldsToMatchString.split(',').map((f) => ({ field1: f, field2: f })),
          ctx.node.name,
          'fieldsToMatchString',
        );
    return [
      combineByFields(inputs[0], inputs[1], pairs, {
        joinMode: params.joinMode,
        outputDataFrom: params.outputDataFrom,
        clash,
        fuzzyCompare: options.fuzzyCompare === true,
        dotNotation: options.disableDotNotation !== true,
        multipleMatches: options.multipleMatches ?? 'all',
        node: ctx.node.name,
      }),
    ];
  },
});

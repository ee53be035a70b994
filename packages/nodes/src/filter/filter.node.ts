import {
  conditionOverrides,
  defineNode,
  evaluateConditions,
  filterParam,
  looseTypeValidationParam,
  type Item,
  p,
} from '@guixu/core';

/**
 * Mirrors n8n's Filter v2.2. Like n8n, the run also returns the discarded items
 * as a second output: it has no connector, but shows in run data.
 */
export default defineNode({
  type: 'guixu.filter',
  version: 1,
  displayName: 'Filter',
  description: 'Keeps only the items that match the conditions.',
  group: 'data',
  icon: 'filter',
  defaultName: 'Filter',
  inputs: ['main'],
  outputs: [{ type: 'main', displayName: 'Kept' }],
  outputNames: ['Kept', 'Discarded'],
  params: {
    conditions: filterParam({ label: 'Conditions', placeholder: 'Add condition' }),
    looseTypeValidation: looseTypeValidationParam(),
    options: p.collection({
      label: 'Options',
      fields: {
        ignoreCase: p.boolean({
          label: 'Ignore case',
          description: 'Whether to ignore letter case when evaluating conditions',
          default: true,
        }),
        looseTypeValidation: p.boolean({
          label: 'Less strict type validation',
          description: 'Older n8n versions kept this setting here; same as "Convert types where required".',
          default: false,
        }),
      },
    }),
  },
  docs: `Evaluates the conditions once per item and outputs the items that pass. The discarded items are recorded in the run data (as n8n does) so you can see what was removed.

With strict type validation a value of the wrong type stops the run; when the node continues on error, such an item is discarded instead.`,
  run(ctx) {
    const kept: Item[] = [];
    const discarded: Item[] = [];
    ctx.items.forEach((item, itemIndex) => {
      const routed: Item = { ...item, pairedItem: { item: itemIndex } };
      try {
        const params = ctx.params(itemIndex);
        const pass = evaluateConditions(params.conditions, {
          itemIndex,
          node: ctx.node.name,
          ...conditionOverrides({
            ignoreCase: params.options.ignoreCase,
            looseTypeValidation: params.looseTypeValidation,
            optionsLooseTypeValidation: params.options.looseTypeValidation,
          }),
        });
        (pass ? kept : discarded).push(routed);
      } catch (error) {
        if (!ctx.continueOnFail()) throw error;
        discarded.push(routed);
      }
    });
    return [kept, discarded];
  },
});

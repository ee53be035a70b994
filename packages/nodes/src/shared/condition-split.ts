import {
  conditionOverrides,
  evaluateConditions,
  filterParam,
  type Item,
  looseTypeValidationParam,
  type NodeRunContext,
  type ParamsOf,
  p,
} from '@guixu/core';

/** Parameters of the nodes that route items by n8n filter conditions (IF, Filter). */
export const conditionParams = {
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
};

/**
 * Splits the input items into those that pass the conditions and the others,
 * each linked to its input item. An item whose conditions cannot be evaluated
 * stops the run, or joins the others when the node continues on error.
 */
export function splitByConditions(ctx: NodeRunContext<ParamsOf<typeof conditionParams>>): [Item[], Item[]] {
  const pass: Item[] = [];
  const fail: Item[] = [];
  ctx.items.forEach((item, itemIndex) => {
    const routed: Item = { ...item, pairedItem: { item: itemIndex } };
    try {
      const params = ctx.params(itemIndex);
      const ok = evaluateConditions(params.conditions, {
        itemIndex,
        node: ctx.node.name,
        ...conditionOverrides({
          ignoreCase: params.options.ignoreCase,
          looseTypeValidation: params.looseTypeValidation,
          optionsLooseTypeValidation: params.options.looseTypeValidation,
        }),
      });
      (ok ? pass : fail).push(routed);
    } catch (error) {
      if (!ctx.continueOnFail()) throw error;
      fail.push(routed);
    }
  });
  return [pass, fail];
}

import { defineNode } from '@guixu/core';
import { conditionParams, splitByConditions } from '../shared/condition-split.ts';

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
  params: conditionParams,
  docs: `Evaluates the conditions once per item and outputs the items that pass. The discarded items are recorded in the run data (as n8n does) so you can see what was removed.

With strict type validation a value of the wrong type stops the run; when the node continues on error, such an item is discarded instead.`,
  run: (ctx) => splitByConditions(ctx),
});

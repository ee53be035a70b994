import { defineNode } from '@guixu/core';
import { conditionParams, splitByConditions } from '../shared/condition-split.ts';

/**
 * Mirrors n8n's IF v2.3. `looseTypeValidation` and `options.ignoreCase` win over
 * the options stored inside `conditions` (n8n's editor keeps them in sync).
 */
export default defineNode({
  type: 'guixu.if',
  version: 1,
  displayName: 'If',
  description: 'Routes each item to the true or false output depending on conditions.',
  group: 'flow',
  icon: 'signpost',
  defaultName: 'If',
  inputs: ['main'],
  outputs: [
    { type: 'main', displayName: 'true' },
    { type: 'main', displayName: 'false' },
  ],
  outputNames: ['true', 'false'],
  params: conditionParams,
  docs: `Evaluates the conditions once per item. Items that pass go to output 0 ("true"), the others to output 1 ("false").

Each condition compares a left value (usually an expression such as \`{{ $json.status }}\`) with a right value using a typed operation (string, number, date & time, boolean, array, object). With strict type validation, a value of the wrong type stops the run with "Wrong type: …"; turn on "Convert types where required" to convert instead.

When the node's error setting is "continue", an item whose conditions fail to evaluate goes to the false output.`,
  run: (ctx) => splitByConditions(ctx),
});

import { defineNode } from '@guixu/core';

export default defineNode({
  type: 'guixu.noOp',
  version: 1,
  displayName: 'No Operation',
  description: 'Passes its input items through unchanged. Useful as a placeholder or a junction.',
  group: 'flow',
  icon: 'arrow-right',
  defaultName: 'No Operation',
  inputs: ['main'],
  outputs: ['main'],
  params: {},
  run: (ctx) => [ctx.items],
});

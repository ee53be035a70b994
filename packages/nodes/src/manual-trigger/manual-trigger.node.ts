import { defineNode } from '@guixu/core';

export default defineNode({
  type: 'guixu.manualTrigger',
  version: 1,
  displayName: 'Manual Trigger',
  description: 'Starts the workflow when you click "Execute workflow" in the editor or run it from the CLI.',
  group: 'trigger',
  icon: 'mouse-pointer',
  defaultName: "When clicking 'Execute workflow'",
  inputs: [],
  outputs: ['main'],
  trigger: { kind: 'manual' },
  params: {},
  docs: `The starting point for workflows you run by hand. It outputs the items the run was started with; when started without data it outputs one empty item, so the next node runs once.`,
  run: (ctx) => [ctx.items.length > 0 ? ctx.items : [{ json: {} }]],
});

import { defineNode, p } from '@guixu/core';

/** Mirrors n8n's Sticky Note (content, height, width, color): an annotation with no ports. */
export default defineNode({
  type: 'guixu.stickyNote',
  version: 1,
  displayName: 'Sticky Note',
  description: 'A note on the canvas. It has no inputs or outputs and never runs.',
  docs: 'Write Markdown in a sticky note to explain a part of the workflow. Notes are kept on import from n8n and Dify and are never executed.',
  group: 'flow',
  icon: 'sticky-note',
  defaultName: 'Sticky Note',
  inputs: [],
  outputs: [],
  params: {
    content: p.string({
      label: 'Content',
      rows: 6,
      noExpression: true,
      default: "## I'm a note\n**Double click** to edit me.",
    }),
    height: p.number({ label: 'Height', default: 160, min: 1 }),
    width: p.number({ label: 'Width', default: 240, min: 1 }),
    color: p.number({ label: 'Color', default: 1, integer: true, min: 1 }),
  },
  // Notes have no inputs, so the engine never schedules them; running one by hand yields nothing.
  run: () => [],
});

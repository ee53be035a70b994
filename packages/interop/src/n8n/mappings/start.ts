import type { N8nMapping } from '../mapping.ts';

/** The legacy Start node behaved like a Manual Trigger emitting one empty item (NOTES.md). */
const mapping: N8nMapping = {
  n8nTypes: ['n8n-nodes-base.start'],
  guixuType: 'guixu.manualTrigger',
  translate: () => ({ parameters: {} }),
};
export default mapping;

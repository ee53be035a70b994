import type { N8nMapping } from '../mapping.ts';

/**
 * The legacy Function node ran once for all items with `items` in scope; the Code
 * node's "run once for all items" mode keeps `items` for exactly this reason.
 * getWorkflowStaticData() is emulated for the run when the code uses it.
 */
const STATIC_DATA = [
  "// Emulates Function's workflow static data for this run only.",
  'const functionStaticData = {};',
  'const getWorkflowStaticData = (type) => (functionStaticData[type] ??= {});',
];

const mapping: N8nMapping = {
  n8nTypes: ['n8n-nodes-base.function'],
  guixuType: 'guixu.code',
  translate: (node, ctx) => {
    const code =
      typeof node.parameters.functionCode === 'string' ? node.parameters.functionCode : 'return items;';
    const usesStaticData = /getWorkflowStaticData/.test(code);
    if (usesStaticData) {
      ctx.warn(
        'getWorkflowStaticData() is emulated for one run only: static data is not kept between executions.',
      );
    }
    if (/getBinaryData|setBinaryData/.test(code)) {
      ctx.warn(
        'The code uses getBinaryData()/setBinaryData(), which the Code node does not provide; rewrite those parts.',
      );
    }
    const jsCode = usesStaticData ? [...STATIC_DATA, code].join('\n') : code;
    return { parameters: { mode: 'runOnceForAllItems', language: 'javaScript', jsCode } };
  },
};
export default mapping;

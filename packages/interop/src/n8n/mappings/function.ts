import type { N8nMapping } from '../mapping.ts';

/**
 * The legacy Function node ran once for all items with `items` in scope; the Code
 * node's "run once for all items" mode keeps `items` for exactly this reason.
 * getWorkflowStaticData() is the Code node's $getWorkflowStaticData (kept per workflow).
 */
const STATIC_DATA = ['const getWorkflowStaticData = $getWorkflowStaticData;'];

const mapping: N8nMapping = {
  n8nTypes: ['n8n-nodes-base.function'],
  guixuType: 'guixu.code',
  translate: (node, ctx) => {
    const code =
      typeof node.parameters.functionCode === 'string' ? node.parameters.functionCode : 'return items;';
    const usesStaticData = /getWorkflowStaticData/.test(code);
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

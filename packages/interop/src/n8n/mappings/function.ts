import type { N8nMapping } from '../mapping.ts';

/**
 * The legacy Function node ran once for all items with `items` in scope; the Code
 * node's "run once for all items" mode keeps `items` for exactly this reason.
 */
const mapping: N8nMapping = {
  n8nTypes: ['n8n-nodes-base.function'],
  guixuType: 'guixu.code',
  translate: (node, ctx) => {
    const code =
      typeof node.parameters.functionCode === 'string' ? node.parameters.functionCode : 'return items;';
    if (/getWorkflowStaticData|\$item\(/.test(code)) {
      ctx.warn(
        'The code uses $item() or getWorkflowStaticData(), which the Code node may not provide; check it.',
      );
    }
    return { parameters: { mode: 'runOnceForAllItems', language: 'javaScript', jsCode: code } };
  },
};
export default mapping;

import type { N8nMapping } from '../mapping.ts';

/**
 * Function Item ran once per item with `item` bound to the item's JSON (mutable) and
 * returned it. The Code node's per-item mode returns the item JSON too, so the
 * original code runs inside a function that receives `item`.
 */
const mapping: N8nMapping = {
  n8nTypes: ['n8n-nodes-base.functionItem'],
  guixuType: 'guixu.code',
  translate: (node, ctx) => {
    const code =
      typeof node.parameters.functionCode === 'string' ? node.parameters.functionCode : 'return item;';
    if (/getBinaryData|setBinaryData|getWorkflowStaticData/.test(code)) {
      ctx.warn(
        'The code uses getBinaryData(), setBinaryData() or getWorkflowStaticData(), which the Code node does not provide; rewrite those parts.',
      );
    }
    const jsCode = [
      "// Converted from a Function Item node: `item` is this item's JSON.",
      'return await (async function (item) {',
      code,
      '})($input.item.json);',
    ].join('\n');
    return { parameters: { mode: 'runOnceForEachItem', language: 'javaScript', jsCode } };
  },
};
export default mapping;

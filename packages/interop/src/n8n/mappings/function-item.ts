import type { N8nMapping } from '../mapping.ts';

/**
 * Function Item ran once per item with `item` bound to the item's JSON (mutable) and
 * returned it. The Code node's per-item mode returns the item JSON too, so the
 * original code runs inside a function that receives `item`; its helpers
 * (getBinaryData, setBinaryData) are emulated around it; getWorkflowStaticData is the
 * Code node's $getWorkflowStaticData (kept per workflow).
 */
const HELPERS = [
  'let functionItemBinary = $input.item.binary;',
  'const getBinaryData = () => functionItemBinary;',
  'const setBinaryData = (data) => { functionItemBinary = data; };',
  'const getWorkflowStaticData = $getWorkflowStaticData;',
];

const mapping: N8nMapping = {
  n8nTypes: ['n8n-nodes-base.functionItem'],
  guixuType: 'guixu.code',
  translate: (node, ctx) => {
    const code =
      typeof node.parameters.functionCode === 'string' ? node.parameters.functionCode : 'return item;';
    const uses = /getBinaryData|setBinaryData|getWorkflowStaticData/.test(code);
    if (/setBinaryData/.test(code)) {
      ctx.warn(
        'setBinaryData() is emulated but its binary data is not passed on: store files with a node that writes binary data.',
      );
    }
    const jsCode = [
      "// Converted from a Function Item node: `item` is this item's JSON.",
      ...(uses ? HELPERS : []),
      'return await (async function (item) {',
      code,
      '})($input.item.json);',
    ].join('\n');
    return { parameters: { mode: 'runOnceForEachItem', language: 'javaScript', jsCode } };
  },
};
export default mapping;

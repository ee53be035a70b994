import { type DifyMapping, records, text } from '../dify-mapping.ts';

/**
 * JavaScript code nodes run in the Code node: Dify calls `main({ inputs })` and uses
 * the returned object as the node's outputs, so the converted code does the same.
 * Python has no sandbox here, so it is kept as a placeholder to rewrite.
 */
const mapping: DifyMapping = {
  difyTypes: ['code'],
  translate: (node, ctx) => {
    const language = text(node.data.code_language, 'python3');
    if (language !== 'javascript') {
      return {
        unsupported: `${language} code needs a rewrite to JavaScript (GuixuFlow's Code node runs JavaScript)`,
      };
    }
    const inputs = records(node.data.variables).map(
      (v) => `  ${JSON.stringify(text(v.variable))}: ${ctx.read(v.value_selector)},`,
    );
    const jsCode = [
      `// Converted from the Dify code node "${node.title}": Dify called main() with these inputs.`,
      text(node.data.code),
      '',
      'const difyInputs = {',
      ...inputs,
      '};',
      'return { json: await main(difyInputs) };',
    ].join('\n');
    return { type: 'guixu.code', parameters: { mode: 'runOnceForEachItem', language: 'javaScript', jsCode } };
  },
};
export default mapping;

import { type DifyMapping, records, text } from '../dify-mapping.ts';

/**
 * Dify calls `main(**inputs)` and uses the returned dict (object) as the node's outputs,
 * so the converted code does the same: JavaScript in the Code node's JavaScript, Python 3
 * in its Python (Pyodide), reading the inputs through `$('Node')` / `_('Node')`.
 */
const PYTHON_KEYWORDS = new Set(
  'False None True and as assert async await break class continue def del elif else except finally for from global if import in is lambda nonlocal not or pass raise return try while with yield'.split(
    ' ',
  ),
);

/**
 * A selector expression (`$("LLM").first().json.text`, `$vars.key`, `$workflow.id`,
 * `undefined`) as Python over the Code node's Python globals: `_("LLM").first().json.text`.
 * Keys that are not Python names are read with `["key"]` (the dicts allow both).
 */
export function pythonExpression(expression: string): string {
  if (expression === 'undefined') return 'None';
  return expression
    .replace(/^\$\(/, '_(')
    .replace(/^\$(vars|workflow|execution)\b/, '_$1')
    .replace(/\.([A-Za-z_$][\w$]*)(?!\()/g, (whole, name: string) =>
      PYTHON_KEYWORDS.has(name) || name.includes('$') ? `[${JSON.stringify(name)}]` : whole,
    );
}

/** Packages Dify's sandbox preinstalls (or users add) that Pyodide's standard library lacks. */
const THIRD_PARTY =
  /^\s*(?:import|from)\s+(requests|httpx|pandas|numpy|matplotlib|sympy|json_repair|bs4|yaml|lxml|openai|jinja2|scipy)\b/gm;

const mapping: DifyMapping = {
  difyTypes: ['code'],
  translate: (node, ctx) => {
    const language = text(node.data.code_language, 'python3');
    const variables = records(node.data.variables);
    if (language === 'python3' || language === 'python') {
      const inputs = variables.map(
        (v) => `    ${JSON.stringify(text(v.variable))}: ${pythonExpression(ctx.read(v.value_selector))},`,
      );
      const pythonCode = [
        `# Converted from the Dify code node "${node.title}": Dify called main() with these inputs.`,
        text(node.data.code),
        '',
        '_dify_inputs = {',
        ...inputs,
        '}',
        'return {"json": main(**_dify_inputs)}',
      ].join('\n');
      const missing = [...new Set([...text(node.data.code).matchAll(THIRD_PARTY)].map((m) => m[1]))];
      if (missing.length > 0) {
        ctx.warn(
          `The code imports ${missing.join(', ')}, which the Code node's Python (standard library only) does not have; the node fails until the code does without.`,
        );
      }
      return {
        type: 'guixu.code',
        parameters: { mode: 'runOnceForEachItem', language: 'python', pythonCode },
      };
    }
    if (language !== 'javascript') {
      return {
        unsupported: `${language} code is not supported (the Code node runs JavaScript and Python 3)`,
      };
    }
    const inputs = variables.map(
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

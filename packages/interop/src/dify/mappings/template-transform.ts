import { type DifyMapping, records, text } from '../dify-mapping.ts';

/**
 * Jinja2 templates that only print variables (`{{ name }}`) become an Edit Fields
 * node computing `output`; anything else (tags, filters) becomes a Code node that
 * renders the template with `$jinja` (nunjucks with its Jinja compatibility, inside
 * the Code node's sandbox) from the node's variables.
 */
const PLAIN_VARIABLE = /\{\{\s*([A-Za-z_][\w]*)\s*\}\}/g;

const mapping: DifyMapping = {
  difyTypes: ['template-transform'],
  translate: (node, ctx) => {
    const template = text(node.data.template);
    const withoutVariables = template.replace(PLAIN_VARIABLE, '');
    if (/\{%|\{#|\{\{|\}\}/.test(withoutVariables)) {
      const inputs = records(node.data.variables).map(
        (v) => `  ${JSON.stringify(text(v.variable))}: ${ctx.read(v.value_selector)},`,
      );
      const jsCode = [
        `// Converted from the Dify template node "${node.title}": its Jinja2 template, rendered with these variables.`,
        `const template = ${JSON.stringify(template)};`,
        'const variables = {',
        ...inputs,
        '};',
        'return { json: { output: $jinja(template, variables) } };',
      ].join('\n');
      return {
        type: 'guixu.code',
        parameters: { mode: 'runOnceForEachItem', language: 'javaScript', jsCode },
      };
    }
    const variables = new Map(records(node.data.variables).map((v) => [text(v.variable), v.value_selector]));
    let missing = false;
    const body = template.replace(PLAIN_VARIABLE, (_, name: string) => {
      const selector = variables.get(name);
      if (selector === undefined) {
        missing = true;
        return '';
      }
      return `{{ ${ctx.read(selector)} }}`;
    });
    if (missing) ctx.warn('The template prints variables it does not declare; they render as empty text.');
    const value = body.includes('{{') ? `=${body}` : body;
    return {
      type: 'guixu.set',
      parameters: {
        mode: 'manual',
        assignments: { assignments: [{ id: `${node.id}-output`, name: 'output', value, type: 'string' }] },
        includeOtherFields: false,
        options: {},
      },
    };
  },
};
export default mapping;

import { testNode } from '@guixu/core';
import { describe, expect, it } from 'vitest';
import code from './code.node.ts';

// `$jinja(template, variables)`: Jinja2 templates (nunjucks with its Jinja compatibility)
// rendered inside the Code node's isolate, so a template reaches nothing of the host.
const render = async (template: string, variables: Record<string, unknown>) => {
  const result = await testNode(code, {
    parameters: {
      mode: 'runOnceForAllItems',
      jsCode: `return { out: $jinja(${JSON.stringify(template)}, ${JSON.stringify(variables)}) }`,
    },
    items: [{}],
  });
  return result.json[0][0].out;
};

describe('Code: $jinja renders Jinja2 templates in the sandbox', () => {
  it('renders tags, filters, loops over dict items, tojson and no HTML escaping', async () => {
    expect(
      await render(
        '{% for k, v in scores.items() %}{{ k | upper }}={{ v }}{% if not loop.last %}, {% endif %}{% endfor %}',
        { scores: { a: 1, b: 2 } },
      ),
    ).toBe('A=1, B=2');
    expect(
      await render('{{ items | join("|") }} {{ items | length }} {{ data | tojson }}', {
        items: ['x', 'y'],
        data: { k: [1] },
      }),
    ).toBe('x|y 2 {"k":[1]}');
    expect(
      await render('{{ html }}{% if flag == True %} yes{% endif %}{{ missing }}', {
        html: '<b>',
        flag: true,
      }),
    ).toBe('<b> yes');
    expect(await render('{% set n = 3 %}{{ n * 2 }} {{ name | default("anon") }}', {})).toBe('6 anon');
  });

  it('a template reaches only the bare isolate', async () => {
    expect(
      await render(
        '{{ range.constructor("return [typeof process, typeof fetch, typeof XMLHttpRequest].join()")() }}',
        {},
      ),
    ).toBe('undefined,undefined,undefined');
  });
});

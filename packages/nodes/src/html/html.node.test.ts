import { MemoryBinaryStore } from '@guixu/core';
import { describe, expect, it } from 'vitest';
import { runChain } from '../shared/testing/run-chain.ts';
import html from './html.node.ts';

const page = `<html><head><title> Shop </title><style>p{}</style></head><body>
  <h1 class="t">Offers</h1>
  <ul><li class="p"><a href="/a">Apple</a> <span>1.20</span></li><li class="p"><a href="/b">Pear</a> <span>0.90</span></li></ul>
  <input name="q" value="fruit"><div id="d"><p>One  two</p><p>three</p><script>bad()</script></div></body></html>`;

const run = (parameters: Record<string, unknown>, items: Record<string, unknown>[] = [{ data: page }]) =>
  runChain({ items: items as never, steps: [{ definition: html, parameters, name: 'HTML' }] });

describe('HTML', () => {
  it('extracts by CSS selector: text, attributes, HTML, values, lists', async () => {
    const result = await run({
      operation: 'extractHtmlContent',
      extractionValues: {
        values: [
          { key: 'title', cssSelector: 'title' },
          {
            key: 'links',
            cssSelector: 'li.p a',
            returnValue: 'attribute',
            attribute: 'href',
            returnArray: true,
          },
          { key: 'names', cssSelector: 'li.p', returnArray: true, skipSelectors: 'span' },
          { key: 'allNames', cssSelector: 'li.p' },
          { key: 'first', cssSelector: 'li.p', returnValue: 'html' },
          { key: 'query', cssSelector: 'input', returnValue: 'value' },
          { key: 'body', cssSelector: '#d' },
          { key: 'none', cssSelector: '.missing' },
          { key: 'noAttr', cssSelector: 'h1', returnValue: 'attribute', attribute: 'data-x' },
        ],
      },
    });
    expect(result.status).toBe('success');
    expect(result.output).toEqual([
      {
        title: 'Shop',
        links: ['/a', '/b'],
        names: ['Apple', 'Pear'],
        allNames: 'Apple 1.20Pear 0.90',
        first: '<a href="/a">Apple</a> <span>1.20</span>',
        query: 'fruit',
        body: 'One two\nthree',
        none: '',
      },
    ]);
  });

  it('a field holding a list of HTML texts gives one item per text', async () => {
    const result = await run(
      { operation: 'extractHtmlContent', extractionValues: { values: [{ key: 'b', cssSelector: 'b' }] } },
      [{ data: ['<b>one</b>', '<b>two</b>'] }],
    );
    expect(result.output).toEqual([{ b: 'one' }, { b: 'two' }]);
    expect(result.items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 0 }]);
  });

  it('reads HTML from a binary file', async () => {
    const binary = new MemoryBinaryStore();
    const ref = await binary.put(new TextEncoder().encode(page), {
      mimeType: 'text/html',
      fileName: 'p.html',
    });
    const result = await runChain({
      binary,
      inputItems: [{ json: {}, binary: { page: ref } }],
      steps: [
        {
          definition: html,
          parameters: {
            operation: 'extractHtmlContent',
            sourceData: 'binary',
            dataPropertyName: 'page',
            extractionValues: { values: [{ key: 'h', cssSelector: 'h1.t' }] },
          },
        },
      ],
    });
    expect(result.output).toEqual([{ h: 'Offers' }]);
  });

  it('generates from a template and builds a table of all items', async () => {
    const generated = await run({ html: '=<b>{{ $json.name }}</b>' }, [{ name: 'Ada & co' }]);
    expect(generated.output).toEqual([{ html: '<b>Ada & co</b>' }]);
    const table = await run(
      {
        operation: 'convertToHtmlTable',
        options: { capitalize: true, customStyling: true, caption: 'People' },
      },
      [{ first_name: 'Ada', ok: true }, { first_name: '<a href="/lin">Lin</a>' }],
    );
    // n8n's exact markup (values as they are, booleans as checkboxes, missing values print "undefined").
    expect(table.output).toEqual([
      {
        table:
          '<table  ><caption>People</caption><thead  ><tr><th>First Name</th><th>Ok</th></tr></thead><tbody>' +
          '<tr  ><td  >Ada</td><td  ><input type="checkbox" checked="checked"/></td></tr>' +
          '<tr  ><td  ><a href="/lin">Lin</a></td><td  >undefined</td></tr></tbody></table>',
      },
    ]);
    const styled = await run({ operation: 'convertToHtmlTable' }, [{ a: 1 }]);
    expect(String(styled.output[0].table)).toContain(
      "<table style='border-spacing:0; font-family:helvetica,arial,sans-serif' >",
    );
    expect(table.items[0].pairedItem).toEqual([{ item: 0 }, { item: 1 }]);
  });

  it('a bad selector or a missing field is a clear node error', async () => {
    const bad = await run({
      operation: 'extractHtmlContent',
      extractionValues: { values: [{ key: 'x', cssSelector: 'li[' }] },
    });
    expect(bad.error).toMatchObject({ code: 'HTML_SELECTOR_INVALID', node: 'HTML' });
    const missing = await run({ operation: 'extractHtmlContent', dataPropertyName: 'nope' });
    expect(missing.error?.code).toBe('HTML_FIELD_MISSING');
  });
});

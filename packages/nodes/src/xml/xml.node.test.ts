import { describe, expect, it } from 'vitest';
import { runChain } from '../shared/testing/run-chain.ts';
import xml from './xml.node.ts';

const run = (parameters: Record<string, unknown>, items: Record<string, unknown>[]) =>
  runChain({ items: items as never, steps: [{ definition: xml, parameters, name: 'XML' }] });

const feed =
  '<?xml version="1.0"?><feed lang="en"><entry id="1">First</entry><entry id="2"><title>Second</title></entry><empty/></feed>';

describe('XML', () => {
  it('XML to JSON in the shape n8n (xml2js) gives', async () => {
    const result = await run({}, [{ data: feed }]);
    expect(result.status).toBe('success');
    expect(result.output).toEqual([
      {
        feed: {
          lang: 'en',
          entry: [
            { id: '1', _: 'First' },
            { id: '2', title: 'Second' },
          ],
          empty: '',
        },
      },
    ]);
    const options = await run({ options: { explicitRoot: false, mergeAttrs: false, explicitArray: true } }, [
      { data: feed },
    ]);
    expect(options.output[0]).toMatchObject({
      $: { lang: 'en' },
      entry: [
        { $: { id: '1' }, _: 'First' },
        { $: { id: '2' }, title: ['Second'] },
      ],
    });
  });

  it('JSON to XML and back', async () => {
    const result = await runChain({
      items: [{ order: { $: { id: '7' }, item: ['a', 'b'], note: 'x < y' } }],
      steps: [
        { definition: xml, parameters: { mode: 'jsonToxml', dataPropertyName: 'xml' }, name: 'To' },
        { definition: xml, parameters: { dataPropertyName: 'xml' }, name: 'Back' },
      ],
    });
    const text = result.runData.To?.[0]?.data?.main[0]?.[0]?.json.xml;
    expect(text).toBe(
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<order id="7">\n  <item>a</item>\n  <item>b</item>\n  <note>x &lt; y</note>\n</order>',
    );
    expect(result.output).toEqual([{ order: { id: '7', item: ['a', 'b'], note: 'x < y' } }]);
    const headless = await run({ mode: 'jsonToxml', options: { headless: true, rootName: 'r' } }, [
      { a: 1, b: true },
    ]);
    expect(headless.output).toEqual([{ data: '<r>\n  <a>1</a>\n  <b>true</b>\n</r>' }]);
  });

  it('malformed XML and entity bombs are clear node errors', async () => {
    const broken = await run({}, [{ data: '<a><b></a>' }]);
    expect(broken.error).toMatchObject({ code: 'XML_INVALID', node: 'XML' });
    expect(broken.error?.message).toContain("Expected closing tag 'b'");
    expect(broken.error?.message).toContain('line 1');
    const bomb =
      '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;">]><lolz>&lol2;</lolz>';
    const refused = await run({}, [{ data: bomb }]);
    expect(refused.error?.message).toContain('entity declarations');
    const missing = await run({}, [{ other: 1 }]);
    expect(missing.error?.code).toBe('XML_FIELD_MISSING');
  });
});

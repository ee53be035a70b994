import { describe, expect, it } from 'vitest';
import { runChain } from '../shared/testing/run-chain.ts';
import markdown from './markdown.node.ts';

const run = (parameters: Record<string, unknown>, items: Record<string, unknown>[]) =>
  runChain({ items: items as never, steps: [{ definition: markdown, parameters, name: 'Markdown' }] });

describe('Markdown', () => {
  it('HTML to Markdown into a field of the item', async () => {
    const result = await run({ html: '={{ $json.body }}', destinationKey: 'md' }, [
      {
        id: 1,
        body: '<h1>Title</h1><p>Some <strong>bold</strong> and <em>it</em>.</p><ul><li>a</li></ul><script>x()</script>',
      },
    ]);
    expect(result.status).toBe('success');
    expect(result.output).toEqual([
      {
        id: 1,
        body: expect.any(String),
        md: '# Title\n\nSome **bold** and _it_.\n\n* a',
      },
    ]);
  });

  it('Markdown to HTML with tables and line breaks', async () => {
    const result = await run(
      {
        mode: 'markdownToHtml',
        markdown: '={{ $json.text }}',
        destinationKey: 'out.html',
        options: { simpleLineBreaks: true },
      },
      [{ text: '**Hi**\nthere\n\n| a | b |\n|---|---|\n| 1 | 2 |' }],
    );
    expect(result.output[0]).toEqual({
      text: expect.any(String),
      out: {
        html: '<p><strong>Hi</strong><br>there</p>\n<table>\n<thead>\n<tr>\n<th>a</th>\n<th>b</th>\n</tr>\n</thead>\n<tbody><tr>\n<td>1</td>\n<td>2</td>\n</tr>\n</tbody></table>',
      },
    });
  });

  it('refuses text over the size limit', async () => {
    const result = await runChain({
      items: [{ t: 'x'.repeat(2000) }],
      services: { fileNodesMaxBytes: 1000 },
      steps: [{ definition: markdown, parameters: { html: '={{ $json.t }}' } }],
    });
    expect(result.error?.code).toBe('FILE_TOO_LARGE');
  });
});

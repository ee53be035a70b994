import { describe, expect, it } from 'vitest';
import { tinyPdf } from '../testing/tiny-pdf.ts';
import { documentText } from './document-text.ts';

describe('document text', () => {
  it('reads the text layer of a PDF', async () => {
    const bytes = tinyPdf(['Paid leave is 25 days per year.', 'Travel needs approval (ask first).']);
    const text = await documentText(bytes, 'application/pdf', 'handbook.pdf');
    expect(text).toContain('Paid leave is 25 days per year.');
    expect(text).toContain('Travel needs approval (ask first).');
  });

  it('refuses a damaged PDF and one without text with clear codes', async () => {
    await expect(
      documentText(new TextEncoder().encode('%PDF-1.4 broken'), 'application/pdf', 'bad.pdf'),
    ).rejects.toMatchObject({ code: 'AI_DOCUMENT_INVALID' });
    await expect(documentText(tinyPdf([]), '', 'scan.pdf')).rejects.toMatchObject({
      code: 'AI_DOCUMENT_NO_TEXT',
    });
  });

  it('strips HTML and pretty-prints JSON', async () => {
    const html = '<p>Hello <b>world</b></p><script>alert(1)</script>';
    expect(await documentText(new TextEncoder().encode(html), 'text/html', 'a.html')).toBe('Hello world');
    expect(await documentText(new TextEncoder().encode('{"a":1}'), 'application/json', 'a.json')).toBe(
      '{\n  "a": 1\n}',
    );
  });
});

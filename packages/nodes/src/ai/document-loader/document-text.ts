/**
 * Text of one input file by its type: plain text, Markdown and CSV as they are, JSON
 * pretty-printed, HTML with scripts, styles and tags removed, PDF as the text of its
 * pages (unpdf, PDF.js underneath; pages joined by a blank line). Scanned PDFs have
 * no text layer: they are refused with a clear error, not stored empty.
 */
import { GuixuError } from '@guixu/core';

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };

export async function documentText(bytes: Uint8Array, mimeType: string, fileName: string): Promise<string> {
  const type = mimeType.toLowerCase();
  if (type === 'application/pdf' || fileName.toLowerCase().endsWith('.pdf')) return pdfText(bytes, fileName);
  const text = new TextDecoder('utf-8').decode(bytes);
  if (type.includes('html')) return htmlText(text);
  if (type.includes('json')) {
    try {
      return JSON.stringify(JSON.parse(text), null, 2);
    } catch {
      return text;
    }
  }
  return text;
}

export function htmlText(html: string): string {
  return html
    .replace(/<(script|style|noscript)[^>]*>[\s\S]*?<\/\1>/gi, ' ')
    .replace(/<br\s*\/?>|<\/(p|div|li|h[1-6]|tr|section|article)>/gi, '\n')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&(#\d+|[a-z]+);/gi, (all, name: string) =>
      name.startsWith('#')
        ? String.fromCodePoint(Number(name.slice(1)))
        : (ENTITIES[name.toLowerCase()] ?? all),
    )
    .replace(/[ \t]+/g, ' ')
    .replace(/\n\s*\n+/g, '\n\n')
    .trim();
}

async function pdfText(bytes: Uint8Array, fileName: string): Promise<string> {
  const { extractText, getDocumentProxy } = await import('unpdf');
  let pages: string[];
  try {
    // PDF.js takes the buffer over: give it a copy.
    const pdf = await getDocumentProxy(new Uint8Array(bytes));
    pages = (await extractText(pdf, { mergePages: false })).text;
  } catch (error) {
    throw new GuixuError('AI_DOCUMENT_INVALID', `"${fileName}" could not be read as a PDF`, {
      cause: error,
      description: 'Check that the file is a PDF and not damaged or password-protected.',
    });
  }
  const text = pages
    .map((page) => page.trim())
    .filter(Boolean)
    .join('\n\n');
  if (!text) {
    throw new GuixuError('AI_DOCUMENT_NO_TEXT', `"${fileName}" has no text layer (a scanned PDF?)`, {
      description: 'Run OCR on it first, or upload its text.',
    });
  }
  return text;
}

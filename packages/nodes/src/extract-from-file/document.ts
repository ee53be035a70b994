import type { BinaryRef } from '@guixu/core';
import { documentText } from '../ai/document-loader/document-text.ts';
import { toRows, xlsxTable } from './rows.ts';
import { decodeText } from './text.ts';

/**
 * Text of a document by its type, as Dify's document extractor gives it: PDF,
 * HTML, JSON and text through the AI document loader's reader; XLSX as a
 * Markdown table per row set.
 */
export async function documentContent(bytes: Uint8Array, ref: BinaryRef, encoding?: string): Promise<string> {
  const name = ref.fileName ?? '';
  const mime = ref.mimeType.toLowerCase();
  if (mime.includes('spreadsheetml') || name.toLowerCase().endsWith('.xlsx')) {
    const rows = toRows(await xlsxTable(bytes, {}), { includeEmptyCells: true });
    const header = Object.keys(rows[0] ?? {});
    const line = (cells: unknown[]) =>
      `| ${cells.map((c) => String(c ?? '').replace(/\|/g, '\\|')).join(' | ')} |`;
    return [
      line(header),
      line(header.map(() => '---')),
      ...rows.map((row) => line(header.map((h) => row[h]))),
    ].join('\n');
  }
  if (mime.includes('wordprocessingml') || /\.(docx?|pptx?)$/i.test(name)) {
    throw new Error('Word and PowerPoint files are not read yet: convert them to PDF first');
  }
  if (mime === 'application/pdf' || name.toLowerCase().endsWith('.pdf'))
    return documentText(bytes, mime, name || 'file.pdf');
  return documentText(new TextEncoder().encode(decodeText(bytes, encoding)), mime, name);
}

import type { JsonObject, JsonValue } from '@guixu/core';

/**
 * PDF text with unpdf (PDF.js underneath), shaped as n8n's Extract from PDF:
 * `{ numpages, numrender, info, metadata, text, version }`. The AI document
 * loader's `documentText` (ai/document-loader) reads PDFs the same way.
 */
export interface PdfOptions {
  password?: string;
  joinPages?: boolean;
  maxPages?: number;
}

function plain(value: unknown): JsonValue {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  if (Array.isArray(value)) return value.map(plain);
  if (typeof value === 'object') {
    const out: JsonObject = {};
    for (const [key, entry] of Object.entries(value)) {
      if (typeof entry !== 'function') out[key] = plain(entry);
    }
    return out;
  }
  return null;
}

export async function pdfContent(bytes: Uint8Array, options: PdfOptions): Promise<JsonObject> {
  const { extractText, getDocumentProxy, getMeta } = await import('unpdf');
  // PDF.js takes the buffer over: give it a copy.
  const pdf = await getDocumentProxy(
    new Uint8Array(bytes),
    options.password ? { password: options.password } : {},
  );
  try {
    const { text } = await extractText(pdf, { mergePages: false });
    const max = options.maxPages && options.maxPages > 0 ? options.maxPages : text.length;
    const pages = text.slice(0, max);
    const meta = await getMeta(pdf).catch(() => ({ info: {}, metadata: null }));
    const info = plain(meta.info);
    return {
      numpages: pdf.numPages,
      numrender: pages.length,
      info,
      metadata: plain(meta.metadata),
      text: options.joinPages === false ? pages : pages.join('\n\n'),
      version:
        typeof info === 'object' && info && !Array.isArray(info) ? (info.PDFFormatVersion ?? null) : null,
    };
  } finally {
    await pdf.loadingTask.destroy();
  }
}

/**
 * Run by hardened.test.ts in a child process: freezes the intrinsics as the
 * server and CLI do (harden-process.ts), then loads the file and format nodes and
 * runs them, printing what came out as one JSON line. Libraries that patch
 * built-ins at load (bluebird in exceljs's stream reader, domino behind
 * turndown, PDF.js's polyfills) fail here, not in production.
 */
import { hardenProcess } from '../../../server/src/harden-process.ts';

hardenProcess();
const out: Record<string, unknown> = {};
try {
  const { runChain } = await import('../shared/testing/run-chain.ts');
  const convert = (await import('./convert-to-file.node.ts')).default;
  const extract = (await import('../extract-from-file/extract-from-file.node.ts')).default;
  const markdown = (await import('../markdown/markdown.node.ts')).default;
  const html = (await import('../html/html.node.ts')).default;
  const xml = (await import('../xml/xml.node.ts')).default;
  const compression = (await import('../compression/compression.node.ts')).default;
  await import('../read-write-file/read-write-file.node.ts');
  const run = await runChain({
    items: [{ a: 1, md: '**b**' }],
    steps: [
      { definition: convert, parameters: { operation: 'xlsx' } },
      { definition: compression, parameters: { operation: 'compress' } },
      { definition: compression, parameters: { operation: 'decompress' } },
      { definition: extract, parameters: { operation: 'xlsx', binaryPropertyName: 'file_0' } },
      {
        definition: markdown,
        parameters: { mode: 'markdownToHtml', markdown: '={{ $json.md }}', destinationKey: 'h' },
      },
      { definition: markdown, parameters: { html: '={{ $json.h }}', destinationKey: 'back' } },
      {
        definition: html,
        parameters: {
          operation: 'extractHtmlContent',
          dataPropertyName: 'h',
          extractionValues: { values: [{ key: 't', cssSelector: 'strong' }] },
        },
      },
      { definition: xml, parameters: { mode: 'jsonToxml', options: { headless: true } } },
    ],
  });
  out.status = run.status;
  out.error = run.error?.message;
  out.xlsx = run.runData['Step 4']?.[0]?.data?.main[0]?.[0]?.json;
  out.markdown = run.runData['Step 6']?.[0]?.data?.main[0]?.[0]?.json.back;
  out.output = run.output;
  const { MemoryBinaryStore } = await import('@guixu/core');
  const { tinyPdf } = await import('../ai/testing/tiny-pdf.ts');
  const binary = new MemoryBinaryStore();
  const ref = await binary.put(tinyPdf(['Hardened PDF']), { mimeType: 'application/pdf', fileName: 'a.pdf' });
  const pdf = await runChain({
    binary,
    inputItems: [{ json: {}, binary: { data: ref } }],
    steps: [{ definition: extract, parameters: { operation: 'pdf' } }],
  });
  out.pdf = pdf.error?.message ?? pdf.output[0]?.text;
} catch (error) {
  out.thrown = error instanceof Error ? error.message : String(error);
}
console.log(JSON.stringify(out));

/**
 * The file and format nodes through the engine (Start → node(s)): CSV and XLSX
 * written and read back (rows/s), zip and unzip (MB/s), XML to JSON and
 * Markdown to HTML (items/s). Prints numbers; asserts nothing.
 * Run: `npx tsx bench/file-formats.ts`.
 */
import type { JsonObject } from '@guixu/core';
import compression from '../packages/nodes/src/compression/compression.node.ts';
import convertToFile from '../packages/nodes/src/convert-to-file/convert-to-file.node.ts';
import extractFromFile from '../packages/nodes/src/extract-from-file/extract-from-file.node.ts';
import markdown from '../packages/nodes/src/markdown/markdown.node.ts';
import { type ChainStep, runChain } from '../packages/nodes/src/shared/testing/run-chain.ts';
import xml from '../packages/nodes/src/xml/xml.node.ts';

async function timed(steps: ChainStep[], items: JsonObject[]): Promise<{ ms: number; out: number }> {
  const t0 = performance.now();
  const run = await runChain({ steps, items });
  const ms = performance.now() - t0;
  if (run.status !== 'success') throw new Error(`${run.error?.code}: ${run.error?.message}`);
  return { ms, out: run.items.length };
}

const rows = (n: number) =>
  Array.from({ length: n }, (_, i) => ({
    id: i,
    name: `user ${i}`,
    email: `u${i}@example.com`,
    score: i % 97,
    city: '上海',
  }));
const lines: string[] = [];
const print = (name: string, value: number, unit: string) => {
  const line = `${name.padEnd(44)} ${value.toFixed(value >= 100 ? 0 : 1).padStart(10)} ${unit}`;
  lines.push(line);
  console.log(line);
};

for (const [format, n] of [
  ['csv', 100_000],
  ['xlsx', 20_000],
] as const) {
  const r = await timed(
    [
      { definition: convertToFile, parameters: { operation: format } },
      { definition: extractFromFile, parameters: { operation: format } },
    ],
    rows(n),
  );
  if (r.out !== n) throw new Error(`${format}: ${r.out} rows back`);
  print(`${format.toUpperCase()} write + read ${n} rows`, n / (r.ms / 1000), 'rows/s');
}

const text = 'x'.repeat(1000);
const big = Array.from({ length: 8_000 }, (_, i) => ({ i, text }));
const zipped = await timed(
  [
    { definition: convertToFile, parameters: { operation: 'toJson' } },
    { definition: compression, parameters: { operation: 'compress' } },
    { definition: compression, parameters: { operation: 'decompress' } },
  ],
  big,
);
print('JSON file of 8 MB written, zipped, unzipped', 8 / (zipped.ms / 1000), 'MB/s');

const feed = `<feed>${Array.from({ length: 50 }, (_, i) => `<entry id="${i}"><title>T${i}</title></entry>`).join('')}</feed>`;
const xmlRun = await timed(
  [{ definition: xml, parameters: {} }],
  Array.from({ length: 2000 }, () => ({ data: feed })),
);
print('XML → JSON, 50-entry documents', 2000 / (xmlRun.ms / 1000), 'items/s');

const md =
  '# Title\n\nSome **bold** text, a [link](https://example.com) and a list:\n\n- a\n- b\n\n| a | b |\n|---|---|\n| 1 | 2 |\n';
const mdRun = await timed(
  [
    {
      definition: markdown,
      parameters: { mode: 'markdownToHtml', markdown: '={{ $json.md }}', destinationKey: 'html' },
    },
    { definition: markdown, parameters: { html: '={{ $json.html }}', destinationKey: 'back' } },
  ],
  Array.from({ length: 5000 }, () => ({ md })),
);
print('Markdown → HTML → Markdown', 5000 / (mdRun.ms / 1000), 'items/s');
console.log('(2 shared cores: figures vary from run to run)');

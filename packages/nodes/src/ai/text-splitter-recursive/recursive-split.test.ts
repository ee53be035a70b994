import { describe, expect, it } from 'vitest';
import { MARKDOWN_SEPARATORS, PLAIN_SEPARATORS, splitText } from './recursive-split.ts';

const text = Array.from({ length: 40 }, (_, i) => `Sentence number ${i} talks about topic ${i % 7}.`).join(
  ' ',
);

describe('recursive character splitting', () => {
  it('every chunk fits the size, is an exact slice at its position, and chunks overlap', () => {
    const chunks = splitText(text, { chunkSize: 200, chunkOverlap: 50, separators: PLAIN_SEPARATORS });
    expect(chunks.length).toBeGreaterThan(5);
    for (const chunk of chunks) {
      expect(chunk.text.length).toBeLessThanOrEqual(200);
      expect(text.slice(chunk.start, chunk.end)).toBe(chunk.text);
    }
    for (let i = 1; i < chunks.length; i++) {
      const [prev, next] = [chunks[i - 1], chunks[i]];
      expect(next?.start).toBeLessThan(prev?.end ?? 0);
      expect(next?.start).toBeGreaterThan(prev?.start ?? 0);
    }
    expect(chunks.at(-1)?.end).toBe(text.length);
  });

  it('markdown-aware splitting cuts at headings when sections fit', () => {
    const md =
      '# Title\nIntro line.\n\n## Leave\nTwenty-five days.\n\n## Expenses\nReceipts within thirty days.';
    const chunks = splitText(md, { chunkSize: 45, chunkOverlap: 0, separators: MARKDOWN_SEPARATORS });
    expect(chunks.map((c) => c.text)).toEqual([
      '# Title\nIntro line.',
      '## Leave\nTwenty-five days.',
      '## Expenses\nReceipts within thirty days.',
    ]);
  });

  it('a word longer than the chunk is cut into pieces of the chunk size', () => {
    const chunks = splitText('x'.repeat(25), {
      chunkSize: 10,
      chunkOverlap: 0,
      separators: PLAIN_SEPARATORS,
    });
    expect(chunks.map((c) => [c.start, c.end])).toEqual([
      [0, 10],
      [10, 20],
      [20, 25],
    ]);
  });
});

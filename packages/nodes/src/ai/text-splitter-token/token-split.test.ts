import { countTokens } from 'gpt-tokenizer/encoding/cl100k_base';
import { describe, expect, it } from 'vitest';
import { splitMarkdown } from '../text-splitter-markdown/markdown-split.ts';
import { splitByTokens } from './token-split.ts';

describe('token splitter', () => {
  const text = Array.from({ length: 60 }, (_, i) => `word${i} is here.`).join(' ');

  it('packs words into chunks of at most chunkSize tokens, exact slices with positions', () => {
    const chunks = splitByTokens(text, { chunkSize: 20, chunkOverlap: 0, countTokens });
    expect(chunks.length).toBeGreaterThan(5);
    for (const chunk of chunks) {
      expect(text.slice(chunk.start, chunk.end)).toBe(chunk.text);
      expect(countTokens(chunk.text)).toBeLessThanOrEqual(22);
    }
    expect(chunks.map((c) => c.text).join(' ')).toBe(text);
  });

  it('repeats about chunkOverlap tokens and cuts a word longer than a chunk', () => {
    const overlapping = splitByTokens(text, { chunkSize: 20, chunkOverlap: 8, countTokens });
    expect(overlapping[1]?.start).toBeLessThan(overlapping[0]?.end ?? 0);
    const long = 'x'.repeat(400);
    const pieces = splitByTokens(long, { chunkSize: 10, chunkOverlap: 0, countTokens });
    expect(pieces.map((c) => c.text).join('')).toBe(long);
    for (const piece of pieces) expect(countTokens(piece.text)).toBeLessThanOrEqual(10);
  });
});

describe('markdown splitter', () => {
  const doc = [
    '# Handbook',
    'Intro text.',
    '## Leave',
    'Paid leave is 25 days.',
    '```',
    '# not a heading',
    '```',
    '## Travel',
    'Travel needs approval.',
  ].join('\n');

  it('never mixes sections and keeps the heading path', () => {
    const chunks = splitMarkdown(doc, { chunkSize: 1000, chunkOverlap: 0, headingLevel: 2 });
    expect(chunks.map((c) => c.headings)).toEqual([
      ['Handbook'],
      ['Handbook', 'Leave'],
      ['Handbook', 'Travel'],
    ]);
    expect(chunks[1]?.text).toContain('# not a heading');
    for (const chunk of chunks) expect(doc.slice(chunk.start, chunk.end)).toBe(chunk.text);
  });

  it('splits a long section further', () => {
    const long = `# A\n${'Sentence one two three. '.repeat(20)}`;
    const chunks = splitMarkdown(long, { chunkSize: 100, chunkOverlap: 0, headingLevel: 1 });
    expect(chunks.length).toBeGreaterThan(3);
    expect(chunks.every((c) => c.headings[0] === 'A')).toBe(true);
  });
});

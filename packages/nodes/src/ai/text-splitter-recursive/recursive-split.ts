/**
 * Recursive character splitting with positions: the text is cut at the first separator
 * that gives pieces no longer than the chunk size (paragraphs, lines, words, then
 * characters), pieces are merged back up to the chunk size, and each chunk starts
 * early enough to overlap the previous one. Every chunk is an exact slice of the text,
 * so its `start`/`end` point at the source for citations.
 */
export interface TextChunk {
  text: string;
  start: number;
  end: number;
  /** Headings the chunk sits under (Markdown splitter), outermost first. */
  headings?: string[];
}

export interface SplitOptions {
  chunkSize: number;
  chunkOverlap: number;
  separators: readonly string[];
}

export const PLAIN_SEPARATORS = ['\n\n', '\n', '. ', ' ', ''] as const;
export const MARKDOWN_SEPARATORS = [
  '\n# ',
  '\n## ',
  '\n### ',
  '\n#### ',
  '\n```',
  '\n\n',
  '\n',
  ' ',
  '',
] as const;

type Span = [number, number];

export function splitText(text: string, options: SplitOptions): TextChunk[] {
  const size = Math.max(1, options.chunkSize);
  const overlap = Math.min(Math.max(0, options.chunkOverlap), size - 1);
  const atoms = atomize(text, [0, text.length], options.separators, 0, size);
  const chunks: TextChunk[] = [];
  let first = 0;
  while (first < atoms.length) {
    let last = first;
    while (last + 1 < atoms.length && (atoms[last + 1] as Span)[1] - (atoms[first] as Span)[0] <= size)
      last++;
    pushChunk(chunks, text, (atoms[first] as Span)[0], (atoms[last] as Span)[1]);
    if (last + 1 >= atoms.length) break;
    // Start the next chunk at the earliest atom that keeps the overlap within bounds.
    let next = last + 1;
    while (next - 1 > first && (atoms[last] as Span)[1] - (atoms[next - 1] as Span)[0] <= overlap) next--;
    first = next;
  }
  return chunks;
}

function pushChunk(chunks: TextChunk[], text: string, start: number, end: number): void {
  const raw = text.slice(start, end);
  const lead = raw.length - raw.trimStart().length;
  const trimmed = raw.trim();
  if (trimmed) chunks.push({ text: trimmed, start: start + lead, end: start + lead + trimmed.length });
}

function atomize(
  text: string,
  [start, end]: Span,
  separators: readonly string[],
  level: number,
  size: number,
): Span[] {
  if (end - start <= size) return [[start, end]];
  const separator = separators[level];
  if (separator === undefined || separator === '') {
    const spans: Span[] = [];
    for (let i = start; i < end; i += size) spans.push([i, Math.min(end, i + size)]);
    return spans;
  }
  const cuts: number[] = [];
  for (
    let at = text.indexOf(separator, start + 1);
    at !== -1 && at < end;
    at = text.indexOf(separator, at + 1)
  ) {
    cuts.push(at);
  }
  if (cuts.length === 0) return atomize(text, [start, end], separators, level + 1, size);
  const spans: Span[] = [];
  let from = start;
  for (const cut of [...cuts, end]) {
    if (cut > from) spans.push(...atomize(text, [from, cut], separators, level + 1, size));
    from = cut;
  }
  return spans;
}

/**
 * Markdown by sections: the text is cut at headings (up to a level), so that a chunk
 * never mixes two sections; a section longer than a chunk is split further at code
 * fences, paragraphs, lines and words. Each chunk carries the path of headings it
 * sits under (for context and citations) and stays an exact slice of the text.
 */
import {
  MARKDOWN_SEPARATORS,
  splitText,
  type TextChunk,
} from '../text-splitter-recursive/recursive-split.ts';

export interface MarkdownSplitOptions {
  chunkSize: number;
  chunkOverlap: number;
  /** Headings of this level and above start a section (1–6). */
  headingLevel: number;
}

export interface MarkdownChunk extends TextChunk {
  /** The headings above the chunk, outermost first, e.g. ["Handbook", "Leave"]. */
  headings: string[];
}

const FENCE = /^(```|~~~)/;

export function splitMarkdown(text: string, options: MarkdownSplitOptions): MarkdownChunk[] {
  const level = Math.min(6, Math.max(1, options.headingLevel));
  const sections: { start: number; end: number; headings: string[] }[] = [];
  const path: string[] = [];
  let start = 0;
  let headingsHere: string[] = [];
  let inFence = false;
  let offset = 0;
  for (const line of text.split('\n')) {
    if (FENCE.test(line.trim())) inFence = !inFence;
    const heading = inFence ? null : /^(#{1,6})\s+(.*?)\s*#*\s*$/.exec(line);
    if (heading && (heading[1] as string).length <= level && offset > start) {
      sections.push({ start, end: offset, headings: headingsHere });
      start = offset;
    }
    if (heading && (heading[1] as string).length <= level) {
      const depth = (heading[1] as string).length;
      path.length = depth - 1;
      path[depth - 1] = heading[2] as string;
      headingsHere = path.filter((h) => h !== undefined);
    }
    offset += line.length + 1;
  }
  if (start < text.length) sections.push({ start, end: text.length, headings: headingsHere });

  const chunks: MarkdownChunk[] = [];
  for (const section of sections) {
    const body = text.slice(section.start, section.end);
    for (const piece of splitText(body, {
      chunkSize: options.chunkSize,
      chunkOverlap: options.chunkOverlap,
      separators: MARKDOWN_SEPARATORS,
    })) {
      chunks.push({
        text: piece.text,
        start: section.start + piece.start,
        end: section.start + piece.end,
        headings: [...section.headings],
      });
    }
  }
  return chunks;
}

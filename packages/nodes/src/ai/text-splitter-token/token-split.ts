/**
 * Splitting by tokens with positions: the text is cut into words (a word with the
 * whitespace after it), each word's tokens are counted with the model's tokenizer,
 * and words are packed into chunks of at most `chunkSize` tokens, each chunk
 * starting early enough to repeat about `chunkOverlap` tokens of the previous one.
 * Counting per word can differ from counting the whole chunk by a token or two at
 * word joins; chunks stay exact slices of the text, so positions hold for citations.
 */
import type { TextChunk } from '../text-splitter-recursive/recursive-split.ts';

export interface TokenSplitOptions {
  chunkSize: number;
  chunkOverlap: number;
  countTokens(text: string): number;
}

interface Word {
  start: number;
  end: number;
  tokens: number;
}

export function splitByTokens(text: string, options: TokenSplitOptions): TextChunk[] {
  const size = Math.max(1, options.chunkSize);
  const overlap = Math.min(Math.max(0, options.chunkOverlap), size - 1);
  const words = wordsOf(text, size, options.countTokens);
  const chunks: TextChunk[] = [];
  let first = 0;
  while (first < words.length) {
    let last = first;
    let tokens = (words[first] as Word).tokens;
    while (last + 1 < words.length && tokens + (words[last + 1] as Word).tokens <= size) {
      last++;
      tokens += (words[last] as Word).tokens;
    }
    pushChunk(chunks, text, (words[first] as Word).start, (words[last] as Word).end);
    if (last + 1 >= words.length) break;
    let next = last + 1;
    let repeated = 0;
    while (next - 1 > first && repeated + (words[next - 1] as Word).tokens <= overlap) {
      next--;
      repeated += (words[next] as Word).tokens;
    }
    first = next;
  }
  return chunks;
}

/** Words with their trailing whitespace; a word longer than a chunk is cut into pieces that fit. */
function wordsOf(text: string, size: number, count: (text: string) => number): Word[] {
  const words: Word[] = [];
  for (const match of text.matchAll(/\s*\S+\s*/g)) {
    const start = match.index;
    const end = start + match[0].length;
    const tokens = count(match[0]);
    if (tokens <= size) {
      words.push({ start, end, tokens });
      continue;
    }
    // Cut by characters, proportionally, then check each piece.
    const step = Math.max(1, Math.floor(((end - start) * size) / tokens));
    for (let at = start; at < end; ) {
      let to = Math.min(end, at + step);
      while (to - at > 1 && count(text.slice(at, to)) > size) to = at + Math.floor((to - at) / 2);
      words.push({ start: at, end: to, tokens: count(text.slice(at, to)) });
      at = to;
    }
  }
  return words;
}

function pushChunk(chunks: TextChunk[], text: string, start: number, end: number): void {
  const raw = text.slice(start, end);
  const lead = raw.length - raw.trimStart().length;
  const trimmed = raw.trim();
  if (trimmed) chunks.push({ text: trimmed, start: start + lead, end: start + lead + trimmed.length });
}

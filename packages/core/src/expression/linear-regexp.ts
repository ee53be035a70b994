/**
 * Regular expressions written in expressions run on RE2 (`re2js`): matching
 * takes time linear in the input, so `/(c+)+$/` cannot stall the process.
 * `LinearRegExp` is a real RegExp subclass whose `exec` (and `split`) use RE2,
 * so `replace`, `match`, `matchAll`, `search`, `test` and `split` keep their
 * JavaScript semantics ($1, $<name>, lastIndex, flags i/g/m/s/y/u) while the
 * matching itself is RE2's. Patterns RE2 cannot run in linear time
 * (backreferences, lookahead, lookbehind with captures) are refused with a
 * clear error; plain lookbehind (`(?<!\s)`) works.
 */
import { RE2JS } from 're2js';
import { runtimeError } from './expression-error.ts';

/** A compiled pattern with what every match needs (asked once, not per `exec`). */
interface Compiled {
  re2: RE2JS;
  groups: number;
  names: [string, number][];
}

const cache = new Map<string, Compiled>();
const CACHE_SIZE = 500;

function compileLinear(source: string, flags: string): Compiled {
  const key = `${flags}/${source}`;
  const hit = cache.get(key);
  if (hit !== undefined) return hit;
  // Lookbehinds without captures have a linear-time implementation in RE2JS.
  let mode = RE2JS.LOOKBEHINDS;
  for (const flag of flags) {
    if (flag === 'i') mode |= RE2JS.CASE_INSENSITIVE;
    else if (flag === 'm') mode |= RE2JS.MULTILINE;
    else if (flag === 's') mode |= RE2JS.DOTALL;
    else if (flag === 'd') throw unsupported(source, 'the "d" (indices) flag');
  }
  let re2: RE2JS;
  try {
    re2 = RE2JS.compile(RE2JS.translateRegExp(source), mode);
  } catch (error) {
    const reason = error instanceof Error ? error.message.replace(/^error parsing regexp: /, '') : '';
    throw unsupported(source, `a feature the linear-time engine does not support (${reason})`);
  }
  const compiled: Compiled = { re2, groups: re2.groupCount(), names: Object.entries(re2.namedGroups()) };
  if (cache.size >= CACHE_SIZE) cache.clear();
  cache.set(key, compiled);
  return compiled;
}

function unsupported(source: string, what: string) {
  return runtimeError(`Regular expression /${source}/ uses ${what}`, {
    description:
      'Expressions run regular expressions on a linear-time engine (RE2): backreferences (\\1), lookahead (?=…, ?!…) and captures inside lookbehind are not available. Rewrite the pattern, or use a Code node.',
    details: { reason: 'regexUnsupported', pattern: source },
  });
}

function patternParts(pattern: unknown, flags: unknown): [string, string] {
  if (pattern instanceof RegExp) return [pattern.source, flags === undefined ? pattern.flags : String(flags)];
  return [pattern === undefined ? '(?:)' : String(pattern), flags === undefined ? '' : String(flags)];
}

export class LinearRegExp extends RegExp {
  readonly #compiled: Compiled;
  /** `replace`/`matchAll` call `exec` once per match on the same text: reuse its matcher. */
  #text: string | undefined;
  #matcher: ReturnType<RE2JS['matcher']> | undefined;

  constructor(pattern?: unknown, flags?: unknown, compiled?: Compiled) {
    const [source, flagText] = patternParts(pattern, flags);
    // RegExp validates the syntax and provides flags, source, lastIndex; RE2 matches.
    super(source, flagText);
    this.#compiled = compiled ?? compileLinear(this.source, this.flags);
  }

  /** A regex literal: compiled once when the expression compiles, a fresh object per evaluation. */
  static literal(source: string, flags: string): () => LinearRegExp {
    const compiled = new LinearRegExp(source, flags).#compiled;
    return () => new LinearRegExp(source, flags, compiled);
  }

  override exec(input: string): RegExpExecArray | null {
    const text = String(input);
    const stateful = this.global || this.sticky;
    const start = stateful ? Math.max(0, Math.trunc(Number(this.lastIndex)) || 0) : 0;
    const m = start > text.length ? undefined : this.matcherFor(text);
    if (m === undefined || !m.find(start) || (this.sticky && m.start() !== start)) {
      if (stateful) this.lastIndex = 0;
      return null;
    }
    const count = this.#compiled.groups;
    const result: string[] = [m.group(0) ?? ''];
    for (let g = 1; g <= count; g++) result.push(m.group(g) ?? (undefined as unknown as string));
    const match = result as RegExpExecArray;
    match.index = m.start();
    match.input = text;
    const names = this.#compiled.names;
    if (names.length > 0) {
      const groups: Record<string, string | undefined> = Object.create(null);
      for (const [name, index] of names) groups[name] = result[index];
      match.groups = groups as Record<string, string>;
    } else match.groups = undefined;
    if (stateful) this.lastIndex = m.end();
    return match;
  }

  private matcherFor(text: string): ReturnType<RE2JS['matcher']> {
    if (this.#matcher === undefined || this.#text !== text) {
      this.#matcher = this.#compiled.re2.matcher(text);
      this.#text = text;
    }
    return this.#matcher;
  }

  /** Matches in `text` (as a global search would find them), counting no further than `cap`. */
  countMatches(text: string, cap: number): number {
    const m = this.#compiled.re2.matcher(text);
    let count = 0;
    let from = 0;
    while (count < cap && from <= text.length && m.find(from)) {
      count++;
      from = m.end() === m.start() ? m.end() + 1 : m.end();
    }
    return count;
  }

  /** Linear split (the built-in one retries a sticky copy at every position). */
  override [Symbol.split](input: string, limit?: number): string[] {
    const text = String(input);
    const max = limit === undefined ? 2 ** 32 - 1 : limit >>> 0;
    const out: (string | undefined)[] = [];
    if (max === 0) return out as string[];
    const m = this.#compiled.re2.matcher(text);
    if (text.length === 0) return m.find(0) ? [] : [text];
    const count = this.#compiled.groups;
    let p = 0;
    let q = 0;
    while (q < text.length && m.find(q)) {
      const s = m.start();
      const e = m.end();
      if (s >= text.length) break;
      if (e === p) {
        q = s + 1;
        continue;
      }
      out.push(text.slice(p, s));
      if (out.length === max) return out as string[];
      for (let g = 1; g <= count; g++) {
        out.push(m.group(g) ?? undefined);
        if (out.length === max) return out as string[];
      }
      p = e;
      q = e;
    }
    out.push(text.slice(p));
    return out as string[];
  }
}

/** `new RegExp(…)` / `RegExp(…)` / a regex literal inside an expression. */
export function linearRegExp(pattern?: unknown, flags?: unknown): LinearRegExp {
  return new LinearRegExp(pattern, flags);
}

/** A string argument of `match`, `matchAll` or `search` is a pattern too: make it linear. */
export function asLinearPattern(pattern: unknown, flags: string): unknown {
  if (pattern instanceof LinearRegExp || pattern === undefined) return pattern;
  return pattern instanceof RegExp ? new LinearRegExp(pattern) : new LinearRegExp(pattern, flags);
}

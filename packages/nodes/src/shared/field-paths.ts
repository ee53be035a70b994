/**
 * Field paths into item JSON, with the semantics n8n users know from lodash
 * `get`/`set`/`unset`: `a.b[0].c`, `a["key.with.dots"]`, and a path that is
 * itself an existing key (`{"a.b": 1}`) wins over walking into `a`.
 *
 * Writes are copy-on-write below the top level: `setField` and `deleteField`
 * never mutate a nested object or array they did not create, so an output
 * item can start as a shallow copy of its input item without corrupting it.
 * Reads and writes only ever touch own properties (no prototype walking, no
 * `__proto__` setter), so user-chosen field names cannot pollute prototypes.
 */

type Container = Record<string, unknown>;

const DEEP_PATH = /\.|\[/;
const INDEX = /^(?:0|[1-9]\d*)$/;
const MAX_CACHED_PATHS = 2000;
const parsedPaths = new Map<string, readonly string[]>();

function isContainer(value: unknown): value is Container {
  return typeof value === 'object' && value !== null;
}

function readOwn(container: Container, key: string): unknown {
  return Object.hasOwn(container, key) ? container[key] : undefined;
}

function writeOwn(container: Container, key: string, value: unknown): void {
  if (key === '__proto__') {
    Object.defineProperty(container, key, { value, writable: true, enumerable: true, configurable: true });
  } else {
    container[key] = value;
  }
}

function shallowCopy(value: Container): Container {
  if (Array.isArray(value)) return value.slice() as unknown as Container;
  const copy: Container = {};
  for (const key of Object.keys(value)) writeOwn(copy, key, value[key]);
  return copy;
}

function readQuoted(path: string, start: number, quote: string): [string, number] {
  let out = '';
  let i = start;
  while (i < path.length && path[i] !== quote) {
    if (path[i] === '\\' && i + 1 < path.length) i++;
    out += path[i];
    i++;
  }
  return [out, i + 1];
}

function parseUncached(path: string): string[] {
  const segments: string[] = [];
  let i = 0;
  if (path.startsWith('.')) segments.push('');
  while (i < path.length) {
    const ch = path[i];
    if (ch === '.') {
      // `a..b` and a trailing `.` address an empty-named key, as in lodash.
      const next = path[i + 1];
      if (next === undefined || next === '.' || next === '[') {
        if (next !== '[') segments.push('');
      }
      i++;
      continue;
    }
    if (ch === '[') {
      const quote = path[i + 1];
      if (quote === '"' || quote === "'") {
        const [key, after] = readQuoted(path, i + 2, quote);
        segments.push(key);
        const close = path.indexOf(']', after);
        i = close === -1 ? path.length : close + 1;
      } else {
        const close = path.indexOf(']', i + 1);
        const end = close === -1 ? path.length : close;
        segments.push(path.slice(i + 1, end).trim());
        i = end + 1;
      }
      continue;
    }
    let end = i;
    while (end < path.length && path[end] !== '.' && path[end] !== '[') end++;
    segments.push(path.slice(i, end));
    i = end;
  }
  return segments;
}

/** Splits a dot/bracket path into its keys: `a.b[0]["c.d"]` → `a`, `b`, `0`, `c.d`. */
export function parseFieldPath(path: string): readonly string[] {
  let segments = parsedPaths.get(path);
  if (!segments) {
    segments = DEEP_PATH.test(path) ? parseUncached(path) : [path];
    if (parsedPaths.size >= MAX_CACHED_PATHS) parsedPaths.clear();
    parsedPaths.set(path, segments);
  }
  return segments;
}

/** With dot notation off, `['key']` / `["key"]` still address `key` (as n8n does). */
function plainKey(container: Container, key: string): string {
  if (Object.hasOwn(container, key)) return key;
  if (key.length > 4 && key.endsWith(']') && (key.startsWith("['") || key.startsWith('["'))) {
    const inner = key.slice(2, -2);
    if (Object.hasOwn(container, inner)) return inner;
  }
  return key;
}

function segmentsFor(container: unknown, path: string, disableDotNotation: boolean): readonly string[] {
  if (disableDotNotation) return [isContainer(container) ? plainKey(container, path) : path];
  if (isContainer(container) && Object.hasOwn(container, path)) return [path];
  return parseFieldPath(path);
}

/** The value at `path`, or `undefined` when any step is missing. */
export function getField(source: unknown, path: string, disableDotNotation = false): unknown {
  if (!isContainer(source)) return undefined;
  // Fast path for plain keys: most field names have no dots or brackets.
  if (!disableDotNotation && (Object.hasOwn(source, path) || !DEEP_PATH.test(path)))
    return readOwn(source, path);
  const segments = segmentsFor(source, path, disableDotNotation);
  let current: unknown = source;
  for (const key of segments) {
    if (!isContainer(current)) return undefined;
    current = readOwn(current, key);
  }
  return current;
}

/** Whether `path` leads to a value (which may be `null`) rather than nothing. */
export function hasField(source: unknown, path: string, disableDotNotation = false): boolean {
  return getField(source, path, disableDotNotation) !== undefined;
}

/**
 * Sets `path` on `target` (which the caller owns), creating objects or arrays
 * (for numeric keys) on the way and copying nested containers before writing.
 */
export function setField(
  target: Record<string, unknown>,
  path: string,
  value: unknown,
  disableDotNotation = false,
): void {
  if (disableDotNotation || Object.hasOwn(target, path) || !DEEP_PATH.test(path)) {
    writeOwn(target, disableDotNotation ? plainKey(target, path) : path, value);
    return;
  }
  const segments = parseFieldPath(path);
  let current: Container = target;
  const last = segments.length - 1;
  for (let i = 0; i < last; i++) {
    const key = segments[i];
    const existing = readOwn(current, key);
    const next: Container = isContainer(existing)
      ? shallowCopy(existing)
      : INDEX.test(segments[i + 1])
        ? ([] as unknown as Container)
        : {};
    writeOwn(current, key, next);
    current = next;
  }
  writeOwn(current, segments[last], value);
}

/** Removes `path` from `target` (which the caller owns), copying nested containers on the way. */
export function deleteField(target: Record<string, unknown>, path: string, disableDotNotation = false): void {
  const segments = segmentsFor(target, path, disableDotNotation);
  let current: Container = target;
  const last = segments.length - 1;
  for (let i = 0; i < last; i++) {
    const existing = readOwn(current, segments[i]);
    if (!isContainer(existing)) return;
    const copy = shallowCopy(existing);
    writeOwn(current, segments[i], copy);
    current = copy;
  }
  if (Object.hasOwn(current, segments[last])) delete current[segments[last]];
}

/** Parses a comma-separated list of field names, dropping blanks (n8n's "fields as text"). */
export function splitFieldList(value: string | readonly string[] | undefined): string[] {
  if (value === undefined) return [];
  if (typeof value !== 'string') return value.map((v) => v.trim()).filter((v) => v !== '');
  return value
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '');
}

/** The last key of a path: `a.b.c` → `c` (n8n names copied nested fields this way). */
export function lastFieldKey(path: string, disableDotNotation = false): string {
  if (disableDotNotation || !path.includes('.')) return path;
  return path.slice(path.lastIndexOf('.') + 1);
}

/**
 * Renames keys matching a regular expression, down to `depth` levels below the
 * top (-1: all levels), building new objects instead of mutating the input.
 * Array elements are walked but array indexes are never renamed, like n8n.
 */
export function renameKeysByRegex(
  value: unknown,
  regex: RegExp,
  replacement: string,
  depth: number,
): unknown {
  if (typeof value !== 'object' || value === null) return value;
  const deeper = depth === 0 ? undefined : depth - 1;
  if (Array.isArray(value)) {
    return deeper === undefined
      ? value
      : value.map((entry) => renameKeysByRegex(entry, regex, replacement, deeper));
  }
  const out: Record<string, unknown> = {};
  const renamed: [string, unknown][] = [];
  for (const [key, entry] of Object.entries(value)) {
    const child = deeper === undefined ? entry : renameKeysByRegex(entry, regex, replacement, deeper);
    regex.lastIndex = 0;
    const newKey = regex.test(key) ? key.replace(regex, replacement) : key;
    if (newKey === key) define(out, key, child);
    else renamed.push([newKey, child]);
  }
  // Renamed keys move to the end, as with n8n's delete-then-add.
  for (const [key, child] of renamed) define(out, key, child);
  return out;
}

function define(target: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(target, key, { value, writable: true, enumerable: true, configurable: true });
}

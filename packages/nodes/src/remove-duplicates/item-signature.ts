/**
 * A string that is equal for deeply equal JSON values whatever the key order,
 * so duplicates can be found in one pass with a Set.
 */
export function signature(value: unknown): string {
  if (value === undefined) return 'u';
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'u';
  if (Array.isArray(value)) return `[${value.map(signature).join(',')}]`;
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record)
    .filter((key) => record[key] !== undefined)
    .sort();
  return `{${keys.map((key) => `${JSON.stringify(key)}:${signature(record[key])}`).join(',')}}`;
}

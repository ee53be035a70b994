/**
 * Nodes whose items are the same but in another order after translation (reported
 * on import): compared without their order, by the parity and the oracle tests.
 */
export const UNORDERED: Record<string, string[]> = {
  // Merge v1 "merge by key" kept input 1's order; v3's "enrich input 1" lists matches first.
  'workflows__legacy-merge.json': ['By key v1'],
};

/** JSON with sorted keys, so equal items compare equal whatever their key order. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value).sort(([a], [b]) => a.localeCompare(b));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/** Each output's items in one canonical order. */
export function sortedOutputs(outputs: unknown[][]): unknown[][] {
  return outputs.map((items) => [...items].sort((a, b) => canonical(a).localeCompare(canonical(b))));
}

import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';

/**
 * n8n as the oracle for our translations: each parity fixture was also imported,
 * exported back (old node versions → the newest, e.g. Set v1 → v3.4, Merge v1 →
 * v3.2, Function → Code) and run by n8n 2.8.4 (`TRANSLATE=1 record-n8n-outputs.mjs`).
 * n8n must produce the same node outputs for both. Outputs are compared without
 * their empty branches, because translations may move a branch to another index
 * (Split In Batches v1's only output is Loop Over Items' "loop" output).
 */
const here = join(import.meta.dirname, 'n8n-parity');
const recordSchema = z.object({
  status: z.string(),
  error: z.string().nullable(),
  nodes: z.record(z.string(), z.array(z.object({ outputs: z.array(z.array(z.unknown())) }))),
});
const fixtures = [
  ...z.array(z.string()).parse(JSON.parse(readFileSync(join(here, 'fixtures.json'), 'utf8'))),
  ...readdirSync(join(here, 'workflows')).map((file) => `workflows__${file}`),
];
const pairs = fixtures.filter(
  (file) => existsSync(join(here, file)) && existsSync(join(here, 'translated', file)),
);

/**
 * Nodes whose items are the same but in another order after translation (reported
 * on import): compared without their order.
 */
const UNORDERED: Record<string, string[]> = {
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

function nonEmptyOutputs(record: z.infer<typeof recordSchema>, unordered: string[]) {
  return Object.fromEntries(
    Object.entries(record.nodes).map(([name, runs]) => [
      name,
      runs.map((run) => {
        const outputs = run.outputs.filter((items) => items.length > 0);
        if (!unordered.includes(name)) return outputs;
        return outputs.map((items) => [...items].sort((a, b) => canonical(a).localeCompare(canonical(b))));
      }),
    ]),
  );
}

describe('translated workflows behave the same in n8n itself', () => {
  it('has translated recordings', () => {
    expect(pairs.length).toBeGreaterThan(0);
  });
  for (const file of pairs) {
    it(file, () => {
      const original = recordSchema.parse(JSON.parse(readFileSync(join(here, file), 'utf8')));
      const translated = recordSchema.parse(JSON.parse(readFileSync(join(here, 'translated', file), 'utf8')));
      expect({ status: translated.status, error: translated.error }).toEqual({
        status: original.status,
        error: original.error,
      });
      const unordered = UNORDERED[file] ?? [];
      expect(nonEmptyOutputs(translated, unordered)).toEqual(nonEmptyOutputs(original, unordered));
    });
  }
});

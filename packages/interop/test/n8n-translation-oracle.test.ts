import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { RELAID_OUTPUTS } from './n8n-parity/relaid.ts';
import { sortedOutputs, UNORDERED } from './n8n-parity/unordered.ts';

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

function nonEmptyOutputs(record: z.infer<typeof recordSchema>, unordered: string[]) {
  return Object.fromEntries(
    Object.entries(record.nodes).map(([name, runs]) => [
      name,
      runs.map((run) => {
        const outputs = run.outputs.filter((items) => items.length > 0);
        return unordered.includes(name) ? sortedOutputs(outputs) : outputs;
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
      const compared = (record: z.infer<typeof recordSchema>) => {
        const outputs = nonEmptyOutputs(record, unordered);
        for (const name of RELAID_OUTPUTS[file] ?? []) delete outputs[name];
        return outputs;
      };
      expect(compared(translated)).toEqual(compared(original));
    });
  }
});

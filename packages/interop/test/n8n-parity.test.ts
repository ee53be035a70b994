import { randomUUID } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createEngine, MemoryBinaryStore, systemClock } from '@guixu/core';
import { builtinNodes } from '@guixu/nodes';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { importN8n } from '../src/index.ts';
import { FIXTURES } from './corpus.ts';
import { startEchoServer } from './n8n-parity/echo-server.mjs';

/**
 * Behaviour parity: fixtures that use only core nodes, start from a manual trigger
 * and call no external service run through the GuixuFlow engine, and every node's
 * output must equal what n8n 2.8.4 produced (recorded by record-n8n-outputs.mjs).
 */
const here = join(import.meta.dirname, 'n8n-parity');
const recordSchema = z.object({
  fixture: z.string(),
  status: z.string(),
  error: z.string().nullable(),
  nodes: z.record(
    z.string(),
    z.array(
      z.object({
        status: z.string().optional(),
        outputs: z.array(z.array(z.unknown())),
        error: z.string().optional(),
      }),
    ),
  ),
});

/** Corpus fixtures (fixtures.json) and hand-written workflows (workflows/), by record file name. */
const sources = new Map<string, string>([
  ...z
    .array(z.string())
    .parse(JSON.parse(readFileSync(join(here, 'fixtures.json'), 'utf8')))
    .map((file): [string, string] => [file, join(FIXTURES, 'n8n', file)]),
  ...readdirSync(join(here, 'workflows')).map((file): [string, string] => [
    `workflows__${file}`,
    join(here, 'workflows', file),
  ]),
]);
const recorded = [...sources.keys()].filter((file) => existsSync(join(here, file)));

/** Outputs whose values n8n computes from the clock or randomness, left out of the comparison. */
const VOLATILE: Record<string, string[]> = {};

/**
 * Known differences caused by GuixuFlow nodes or expressions (reported to their
 * owners). These tests are expected to fail; when one starts passing, remove it here.
 */
const KNOWN_DIFFERENCES: Record<string, string> = {
  'n8n-io-test-workflows__92.json':
    'IF18 holds the malformed expression "={{}}": n8n starts the run and fails at IF18 ("invalid syntax"); GuixuFlow\'s validation reports it with its position before anything runs',
};

/**
 * Output indexes that a translation moved, per fixture and node: n8n output i is
 * GuixuFlow output map[i]. Split In Batches v1's only output is Loop Over Items' "loop" (1).
 */
const MOVED_OUTPUTS: Record<string, Record<string, number[]>> = {
  'zie619__1231_Manual_Splitinbatches_Automate_Triggered.json': { SplitInBatches: [1] },
};

function moveOutputs(outputs: unknown[][], map: number[]): unknown[][] {
  const moved: unknown[][] = [];
  outputs.forEach((items, index) => {
    const to = map[index] ?? index;
    while (moved.length <= to) moved.push([]);
    moved[to] = items;
  });
  return moved;
}

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

function sortedOutputs(outputs: unknown[][]): unknown[][] {
  return outputs.map((items) => [...items].sort((a, b) => canonical(a).localeCompare(canonical(b))));
}

describe('behaviour parity with n8n 2.8.4', async () => {
  const registry = await builtinNodes();
  // The HTTP parity workflow calls this server at the URL it was recorded with.
  let echo: { close(): void } | undefined;
  beforeAll(async () => {
    echo = await startEchoServer();
  });
  afterAll(() => echo?.close());

  it('has recorded n8n outputs for the parity fixtures', () => {
    expect(recorded.length).toBeGreaterThan(0);
  });

  for (const file of recorded) {
    const known = KNOWN_DIFFERENCES[file];
    (known ? it.fails : it)(
      `${file}: node outputs equal n8n's${known ? ` (known difference: ${known})` : ''}`,
      async () => {
        const expected = recordSchema.parse(JSON.parse(readFileSync(join(here, file), 'utf8')));
        const text = readFileSync(sources.get(file) ?? '', 'utf8');
        const { workflow, report } = importN8n(text, { registry, fileName: file });
        expect(report.validation.errors).toEqual([]);
        expect(report.nodes.filter((n) => n.status !== 'mapped')).toEqual([]);
        const engine = createEngine({
          registry,
          services: { binary: new MemoryBinaryStore(), clock: systemClock },
        });
        const state = await engine.run(
          workflow,
          engine.start(workflow, { executionId: randomUUID(), mode: 'cli' }),
        );
        const actual: Record<string, { outputs: unknown[][] }[]> = {};
        for (const [name, runs] of Object.entries(state.runData)) {
          actual[name] = runs.map((run) => ({
            outputs: (run.data?.main ?? []).map((items) => items.map((item) => item.json)),
          }));
        }
        const want: Record<string, { outputs: unknown[][] }[]> = {};
        for (const [name, runs] of Object.entries(expected.nodes)) {
          if (VOLATILE[file]?.includes(name)) continue;
          const map = MOVED_OUTPUTS[file]?.[name];
          want[name] = runs.map((run) => ({ outputs: map ? moveOutputs(run.outputs, map) : run.outputs }));
        }
        for (const name of VOLATILE[file] ?? []) delete actual[name];
        for (const name of UNORDERED[file] ?? []) {
          actual[name] = (actual[name] ?? []).map((run) => ({ outputs: sortedOutputs(run.outputs) }));
          want[name] = (want[name] ?? []).map((run) => ({ outputs: sortedOutputs(run.outputs) }));
        }
        expect({ status: state.status, error: state.error?.message ?? null }).toEqual({
          status: expected.status,
          error: expected.error,
        });
        expect(actual).toEqual(want);
      },
    );
  }
});

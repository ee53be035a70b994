import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createEngine, MemoryBinaryStore, systemClock } from '@guixu/core';
import { builtinNodes } from '@guixu/nodes';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { importN8n } from '../../src/index.ts';
import { ECHO_PORT, startEchoServer } from './echo-server.mjs';
import { RELAID_OUTPUTS } from './relaid.ts';
import { sortedOutputs, UNORDERED } from './unordered.ts';

/**
 * Behaviour parity: workflows that use only core nodes, start from a manual trigger
 * and call no external service run through the GuixuFlow engine, and every node's
 * output must equal what n8n 2.8.4 produced (recorded by record-n8n-outputs.mjs).
 * The default suite runs the hand-written workflows (workflows/); the corpus suite
 * runs the corpus fixtures named in fixtures.json.
 */
const here = import.meta.dirname;
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

/** An intentional difference in one node: why, and what is still compared of each output item. */
interface Intentional {
  reason: string;
  /** Each item (on both sides) is compared through this; without it the node is left out. */
  compare?: (json: unknown) => unknown;
}

/** Keeps whether an item failed and the HTTP status, not the error's wording or fields. */
function errorKind(json: unknown): unknown {
  const error = (json as { error?: unknown } | null)?.error;
  if (error === undefined) return json;
  if (typeof error === 'string') return { error: 'string' };
  const status = (error as { status?: unknown } | null)?.status;
  return { error: typeof error, ...(status === undefined ? {} : { status }) };
}

const HTTP_ERROR_ITEM: Intentional = {
  reason:
    "the error item is an object with the HTTP status, as in n8n; GuixuFlow's own wording and fields instead of axios's (n8n: { message: '404 - \"<body>\"', name: 'AxiosError', code: 'ERR_BAD_REQUEST', status, stack }): no stack trace with host paths",
  compare: errorKind,
};
const PLAINER_MESSAGE = (n8n: string): Intentional => ({
  reason: `the node fails as in n8n (the item becomes { error }); GuixuFlow's message names the node and says why (n8n: ${n8n})`,
  compare: errorKind,
});

/**
 * Intentional differences in single nodes, named with the reason: these nodes' items are
 * compared through \`compare\` (or left out), every other node of the workflow compares as is.
 */
export const INTENTIONAL_DIFFERENCES: Record<string, Record<string, Intentional>> = {
  'workflows__http-errors.json': {
    'Json plain v1': {
      reason:
        'v1 "JSON" on a body that is not JSON: n8n 2.8.4 outputs an empty item (its v1 code means to fail with \'Response body is not valid JSON\'); GuixuFlow fails the item with that error instead of silently dropping the body',
    },
    'Not found v1': HTTP_ERROR_ITEM,
    'Not found v3': HTTP_ERROR_ITEM,
    'Not found v4': HTTP_ERROR_ITEM,
    'Server error v4': HTTP_ERROR_ITEM,
    'On error output': HTTP_ERROR_ITEM,
  },
  'workflows__expression-references.json': {
    'Did not run whole': PLAINER_MESSAGE('"Invalid expression"'),
    'Did not run text': PLAINER_MESSAGE("\"Node 'Skipped' hasn't been executed\""),
    'Not upstream item': PLAINER_MESSAGE('"Invalid expression"'),
    'Not upstream first': PLAINER_MESSAGE("\"Node 'Side' hasn't been executed\""),
    'Missing node': PLAINER_MESSAGE('"Referenced node doesn\'t exist"'),
    'Missing node text': PLAINER_MESSAGE('"Referenced node doesn\'t exist"'),
  },
  'workflows__legacy-data-nodes.json': {
    'Key to binary': {
      reason:
        "Move Binary Data v1.1 JSON → binary for one key: n8n keeps the item's other JSON fields (removing the key); the Convert to File node it maps onto outputs only the file",
    },
    'Key back': {
      reason:
        'follows from "Key to binary": n8n wrote the key JSON-quoted ("\\"<html>…\\"") and kept the other fields; Convert to File writes the text as is',
    },
  },
  'workflows__rss-read.json': {
    'Missing feed': PLAINER_MESSAGE('"Status code 404"'),
  },
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

/** The record files (beside this module) that exist for these sources: record name → workflow file. */
export function recordedParity(sources: Map<string, string>): [string, string][] {
  return [...sources.entries()].filter(([file]) => existsSync(join(here, file)));
}

export function describeParity(title: string, recorded: [string, string][]): void {
  describe(title, async () => {
    const registry = await builtinNodes();
    // The HTTP parity workflow was recorded against the echo server on ECHO_PORT; here it runs on a
    // free port and the workflow's URLs follow, so suites running side by side never collide.
    let echo: { close(): void; address(): unknown } | undefined;
    let echoHost = `127.0.0.1:${ECHO_PORT}`;
    beforeAll(async () => {
      echo = await startEchoServer(0);
      const address = z.object({ port: z.number() }).parse(echo?.address());
      echoHost = `127.0.0.1:${address.port}`;
    });
    afterAll(() => echo?.close());

    it('has recorded n8n outputs for the parity workflows', () => {
      expect(recorded.length).toBeGreaterThan(0);
    });

    for (const [file, source] of recorded) {
      const known = KNOWN_DIFFERENCES[file];
      (known ? it.fails : it)(
        `${file}: node outputs equal n8n's${known ? ` (known difference: ${known})` : ''}`,
        async () => {
          const expected = recordSchema.parse(JSON.parse(readFileSync(join(here, file), 'utf8')));
          const text = readFileSync(source, 'utf8').replaceAll(`127.0.0.1:${ECHO_PORT}`, echoHost);
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
            const map = MOVED_OUTPUTS[file]?.[name];
            want[name] = runs.map((run) => ({ outputs: map ? moveOutputs(run.outputs, map) : run.outputs }));
          }
          const intentional = INTENTIONAL_DIFFERENCES[file] ?? {};
          // An allow-list entry must name a node n8n ran, so a stale one is noticed.
          expect(Object.keys(intentional).filter((name) => !(name in expected.nodes))).toEqual([]);
          for (const [name, { compare }] of Object.entries(intentional)) {
            if (!compare) {
              delete actual[name];
              delete want[name];
              continue;
            }
            const through = (runs: { outputs: unknown[][] }[] | undefined) =>
              (runs ?? []).map((run) => ({ outputs: run.outputs.map((items) => items.map(compare)) }));
            actual[name] = through(actual[name]);
            want[name] = through(want[name]);
          }
          for (const name of [...(VOLATILE[file] ?? []), ...(RELAID_OUTPUTS[file] ?? [])]) {
            delete actual[name];
            delete want[name];
          }
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
}

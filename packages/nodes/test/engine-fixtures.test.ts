/**
 * Engine behaviour pinned by workflow fixtures run with the real nodes
 * (`engine-fixtures/<name>.json`), plus the durable-execution property for each.
 * A fixture: `{ workflow, input?, options?, expected: { status, runData, error? } }`
 * where `expected.runData` is node → runs → outputs → items' json.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  type Checkpoint,
  checkDurability,
  createEngine,
  createInProcessSubWorkflowRunner,
  type Engine,
  type EngineEvent,
  type ExecutionMode,
  MemoryBinaryStore,
  type RunData,
  type RunState,
  type StartOptions,
  systemClock,
  workflowSchema,
} from '@guixu/core';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { builtinNodes } from '../src/index.ts';

const dir = join(dirname(fileURLToPath(import.meta.url)), 'engine-fixtures');

const resumeSchema = z.object({
  reason: z.enum(['time', 'webhook', 'form', 'approval']),
  items: z.array(z.object({ json: z.record(z.string(), z.json()) })).optional(),
});

const fixtureSchema = z.strictObject({
  description: z.string().optional(),
  workflow: workflowSchema,
  input: z.array(z.record(z.string(), z.json())).optional(),
  options: z
    .strictObject({
      mode: z.string().optional(),
      triggerNode: z.string().optional(),
      destination: z.string().optional(),
      /** Run one node from the stored outputs of a previous full run. */
      runOne: z.string().optional(),
      /** Retry from this node, reusing the previous run's outputs. */
      retryFrom: z.string().optional(),
      /** The previous execution for runOne / retryFrom (default: this workflow and input). */
      previous: z
        .object({
          workflow: workflowSchema.optional(),
          input: z.array(z.record(z.string(), z.json())).optional(),
        })
        .optional(),
      resumes: z.array(resumeSchema).optional(),
      /** Cancel the run when this node starts. */
      cancelOnNode: z.string().optional(),
      /** Why the durability property cannot hold (the result depends on wall-clock time). */
      skipDurability: z.string().optional(),
    })
    .default({}),
  expected: z.strictObject({
    status: z.enum(['success', 'error', 'canceled', 'waiting']),
    runData: z.record(z.string(), z.array(z.array(z.array(z.json())))),
    error: z
      .object({ code: z.string().optional(), node: z.string().optional(), message: z.string().optional() })
      .optional(),
    /** Node runs in execution order, `Node#runIndex`. */
    order: z.array(z.string()).optional(),
    /** Tries recorded per node run (retryOnFail). */
    tries: z.record(z.string(), z.array(z.number().nullable())).optional(),
  }),
});
type Fixture = z.infer<typeof fixtureSchema>;

const MODES: readonly ExecutionMode[] = [
  'manual',
  'cli',
  'trigger',
  'webhook',
  'schedule',
  'retry',
  'error',
  'subworkflow',
  'chat',
  'internal',
];
const isMode = (value: string): value is ExecutionMode => (MODES as readonly string[]).includes(value);

function loadFixtures(): [string, Fixture][] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((file) => {
      const parsed = fixtureSchema.safeParse(JSON.parse(readFileSync(join(dir, file), 'utf8')));
      if (!parsed.success) throw new Error(`${file}: ${parsed.error.message}`);
      return [file.replace(/\.json$/, ''), parsed.data];
    });
}

async function makeEngine(): Promise<Engine> {
  const engine = createEngine({
    registry: await builtinNodes(),
    services: { binary: new MemoryBinaryStore(), clock: systemClock },
    // A node that changes its input items would silently rewrite earlier nodes' run data.
    freezeItems: true,
  });
  engine.options.services.subWorkflows = createInProcessSubWorkflowRunner({
    engine,
    // One id for every child: a rebuilt run starts its children again, and ids must compare equal.
    newExecutionId: () => 'child-execution',
  });
  return engine;
}

const items = (list: Record<string, unknown>[] | undefined) =>
  list?.map((json) => ({ json: JSON.parse(JSON.stringify(json)) }));

async function startOptions(engine: Engine, fixture: Fixture, name: string): Promise<StartOptions> {
  const o = fixture.options;
  const mode = o.mode ?? 'manual';
  if (!isMode(mode)) throw new Error(`${name}: unknown mode ${mode}`);
  const start: StartOptions = { executionId: `fixture-${name}`, mode };
  const input = items(fixture.input);
  if (input) start.triggerItems = input;
  if (o.triggerNode) start.triggerNode = o.triggerNode;
  if (o.destination) start.destination = o.destination;
  if (o.runOne || o.retryFrom) {
    const previousWorkflow = o.previous?.workflow ?? fixture.workflow;
    const previous = engine.start(previousWorkflow, {
      executionId: `previous-${name}`,
      mode: 'manual',
      triggerItems: items(o.previous?.input ?? fixture.input),
    });
    await engine.run(previousWorkflow, previous);
    if (o.runOne) start.runOne = { node: o.runOne, previousRunData: previous.runData };
    if (o.retryFrom) start.retryFrom = { node: o.retryFrom, previousRunData: previous.runData };
  }
  return start;
}

function outputsJson(runData: RunData) {
  const out: Record<string, unknown[][][]> = {};
  for (const [node, runs] of Object.entries(runData)) {
    out[node] = runs.map((run) => (run.data?.main ?? []).map((list) => list.map((item) => item.json)));
  }
  return out;
}

function orderOf(checkpoints: Checkpoint[]): string[] {
  return checkpoints.filter((c) => c.record).map((c) => `${c.node}#${c.runIndex}`);
}

function expectMatches(name: string, fixture: Fixture, state: RunState, checkpoints: Checkpoint[]) {
  const label = `fixture ${name}`;
  expect(state.status, `${label}: status (error: ${JSON.stringify(state.error)})`).toBe(
    fixture.expected.status,
  );
  expect(outputsJson(state.runData), `${label}: run data`).toEqual(fixture.expected.runData);
  if (fixture.expected.error) expect(state.error, `${label}: error`).toMatchObject(fixture.expected.error);
  if (fixture.expected.order) expect(orderOf(checkpoints), `${label}: order`).toEqual(fixture.expected.order);
  for (const [node, tries] of Object.entries(fixture.expected.tries ?? {})) {
    expect(
      state.runData[node]?.map((run) => run.tries ?? null),
      `${label}: tries of ${node}`,
    ).toEqual(tries);
  }
}

const fixtures = loadFixtures();

describe('engine fixtures (real nodes)', () => {
  for (const [name, fixture] of fixtures) {
    it(`${name}${fixture.description ? `: ${fixture.description}` : ''}`, async () => {
      const engine = await makeEngine();
      const start = await startOptions(engine, fixture, name);
      const state = engine.start(fixture.workflow, start);
      const controller = new AbortController();
      const onEvent = (event: EngineEvent) => {
        if (event.type === 'nodeStarted' && event.node === fixture.options.cancelOnNode) {
          queueMicrotask(() => controller.abort());
        }
      };
      const checkpoints: Checkpoint[] = [];
      const onCheckpoint = (c: Checkpoint) => void checkpoints.push(c);
      await engine.run(fixture.workflow, state, { signal: controller.signal, onEvent, onCheckpoint });
      for (const input of fixture.options.resumes ?? []) {
        if (state.status !== 'waiting') break;
        await engine.resume(fixture.workflow, state, input, { onCheckpoint });
      }
      expect(JSON.parse(JSON.stringify(state))).toEqual(state);
      expectMatches(name, fixture, state, checkpoints);
    });
  }
});

describe('durable execution over every fixture', () => {
  for (const [name, fixture] of fixtures) {
    // Cancel depends on a live signal, not on state; wall-clock deadlines pass while rebuilding.
    if (fixture.options.cancelOnNode || fixture.options.skipDurability) continue;
    it(`${name}: stop after k node runs, rebuild from checkpoints, resume = uninterrupted run`, async () => {
      const engine = await makeEngine();
      const result = await checkDurability({
        engine,
        workflow: fixture.workflow,
        start: await startOptions(engine, fixture, name),
        resumes: fixture.options.resumes,
      });
      expect(result.mismatches, `fixture ${name}:\n${result.mismatches.join('\n')}`).toEqual([]);
      expectMatches(name, fixture, result.reference, result.checkpoints);
    });
  }
});

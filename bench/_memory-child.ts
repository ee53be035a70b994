// Child process for bench/memory.ts: maps 100,000 items through Set → Filter →
// Aggregate and prints its peak RSS (its own process, so nothing else counts).
import { createEngine, type Item, MemoryBinaryStore, systemClock, type Workflow } from '@guixu/core';
import { builtinNodes } from '@guixu/nodes';

const COUNT = Number(process.argv[2] ?? 100_000);
const node = (name: string, type: string, parameters: Record<string, unknown>, x: number) => ({
  id: name,
  name,
  type,
  typeVersion: 1,
  position: [x, 0] as [number, number],
  parameters,
});
const link = (to: string) => ({ main: [[{ node: to, type: 'main', index: 0 }]] });
const workflow: Workflow = {
  name: 'memory',
  nodes: [
    node('Start', 'guixu.manualTrigger', {}, 0),
    node(
      'Set',
      'guixu.set',
      {
        assignments: {
          assignments: [
            { id: 'a', name: 'double', value: '={{ $json.n * 2 }}', type: 'number' },
            { id: 'b', name: 'label', value: '=item {{ $json.n }}', type: 'string' },
          ],
        },
        includeOtherFields: true,
      },
      200,
    ),
    node(
      'Filter',
      'guixu.filter',
      {
        conditions: {
          options: { caseSensitive: true, leftValue: '', typeValidation: 'strict' },
          conditions: [
            {
              id: 'c',
              leftValue: '={{ $json.n % 2 }}',
              rightValue: 0,
              operator: { type: 'number', operation: 'equals' },
            },
          ],
          combinator: 'and',
        },
      },
      400,
    ),
    node(
      'Aggregate',
      'guixu.aggregate',
      {
        aggregate: 'aggregateIndividualFields',
        fieldsToAggregate: { fieldToAggregate: [{ fieldToAggregate: 'double' }] },
      },
      600,
    ),
  ],
  connections: { Start: link('Set'), Set: link('Filter'), Filter: link('Aggregate') },
  settings: {},
};
const registry = await builtinNodes();
const engine = createEngine({ registry, services: { binary: new MemoryBinaryStore(), clock: systemClock } });
const items: Item[] = Array.from({ length: COUNT }, (_, n) => ({ json: { n, name: `name-${n}` } }));
const t0 = performance.now();
let checkpoints = 0;
let state = engine.start(workflow, { executionId: 'memory', mode: 'cli', triggerItems: items });
state = await engine.run(workflow, state, { onCheckpoint: () => void checkpoints++ });
const ms = performance.now() - t0;
const aggregated = state.runData.Aggregate?.[0]?.data?.main[0]?.[0]?.json.double;
const count = Array.isArray(aggregated) ? aggregated.length : -1;
process.stdout.write(
  JSON.stringify({
    status: state.status,
    count,
    ms,
    checkpoints,
    maxRssMb: process.resourceUsage().maxRSS / 1024,
  }),
);

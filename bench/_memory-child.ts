// Child process for bench/memory.ts: maps 100,000 items through Set → Filter →
// Aggregate and prints its peak RSS (its own process, so nothing else counts).
import { createEngine, type Item, MemoryBinaryStore, systemClock, type Workflow } from '@guixu/core';
import { builtinNodes } from '@guixu/nodes';
import { memoryWorkflow } from './_memory-workflow.ts';

const COUNT = Number(process.argv[2] ?? 100_000);
const workflow: Workflow = memoryWorkflow();
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

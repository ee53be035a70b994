// Code node with the sandbox on: per-item throughput, whole-run latency, and
// the cost of lookups back to the host. Prints numbers; asserts nothing.
import {
  createEngine,
  MemoryBinaryStore,
  NodeRegistry,
  systemClock,
  testNode,
  type Workflow,
} from '@guixu/core';
import code from '../packages/nodes/src/code/code.node.ts';
import manualTrigger from '../packages/nodes/src/manual-trigger/manual-trigger.node.ts';
import { codeSandbox } from '../packages/nodes/src/code/sandbox/sandbox-client.ts';

interface Row {
  name: string;
  value: number;
  unit: string;
  target?: string;
}

/** Per-item Code node reading `$('Source').item` in a real workflow; returns items/s of that node. */
async function pairedLookups(count: number): Promise<number> {
  const node = (name: string, type: string, parameters: Record<string, unknown> = {}) => ({
    id: name,
    name,
    type,
    typeVersion: type === 'guixu.code' ? 2 : 1,
    position: [0, 0] as [number, number],
    parameters,
  });
  const workflow: Workflow = {
    name: 'Lookups',
    settings: {},
    nodes: [
      node('Trigger', 'guixu.manualTrigger'),
      node('Source', 'guixu.code', { jsCode: `return Array.from({ length: ${count} }, (_, a) => ({ a }));` }),
      node('Use', 'guixu.code', {
        mode: 'runOnceForEachItem',
        jsCode: "return { a: $('Source').item.json.a };",
      }),
    ],
    connections: {
      Trigger: { main: [[{ node: 'Source', type: 'main', index: 0 }]] },
      Source: { main: [[{ node: 'Use', type: 'main', index: 0 }]] },
    },
  };
  const engine = createEngine({
    registry: new NodeRegistry().register(manualTrigger).register(code),
    services: { binary: new MemoryBinaryStore(), clock: systemClock },
  });
  const state = engine.start(workflow, { executionId: 'bench', mode: 'manual' });
  await engine.run(workflow, state, {});
  const record = state.runData.Use?.[0];
  if (!record || record.error) throw new Error(record?.error?.message ?? 'Use did not run');
  return count / (Math.max(1, record.executionTime) / 1000);
}

async function time(fn: () => Promise<unknown>): Promise<number> {
  const start = performance.now();
  await fn();
  return performance.now() - start;
}

export default async function bench(): Promise<Row[]> {
  const rows: Row[] = [];
  const firstRun = await time(() => testNode(code, { parameters: { jsCode: 'return []' }, items: [{}] }));
  rows.push({ name: 'first run (starts the sandbox process)', value: firstRun, unit: 'ms' });

  const count = 50_000;
  const items = Array.from({ length: count }, (_, a) => ({ a }));
  const perItem = { mode: 'runOnceForEachItem', jsCode: 'return { json: { x: $json.a + 1 } }' };
  await testNode(code, { parameters: perItem, items: items.slice(0, 1000) });
  let fastest = Number.POSITIVE_INFINITY;
  for (let round = 0; round < 3; round++) {
    fastest = Math.min(fastest, await time(() => testNode(code, { parameters: perItem, items })));
  }
  rows.push({
    name: `once per item, trivial body (${count.toLocaleString('en-US')} items, whole node run)`,
    value: count / (fastest / 1000),
    unit: 'calls/s',
    target: '>= 20,000 calls/s',
  });

  const allItems = { jsCode: 'return $input.all().map((item) => ({ json: { x: item.json.a * 2 } }))' };
  const runs = 200;
  const small = items.slice(0, 10);
  const elapsed = await time(async () => {
    for (let i = 0; i < runs; i++) await testNode(code, { parameters: allItems, items: small });
  });
  rows.push({
    name: 'run once for all items, 10 items (sequential runs)',
    value: runs / (elapsed / 1000),
    unit: 'runs/s',
  });

  const luxon = await time(() =>
    testNode(code, { parameters: { jsCode: 'return [{ now: $now.toISO() }]' }, items: [{}] }),
  );
  rows.push({ name: 'run that loads Luxon ($now)', value: luxon, unit: 'ms' });

  const logs = 10_000;
  const logRun = await time(() =>
    testNode(code, {
      parameters: { jsCode: `for (let i = 0; i < ${logs}; i++) console.log('line', i);\nreturn [];` },
      items: [{}],
    }),
  );
  rows.push({
    name: 'console.log lines captured (capped at 1,000 per run)',
    value: logs / (logRun / 1000),
    unit: 'lines/s',
  });

  rows.push({
    name: "once per item reading $('Source').item (5,000 items, engine + expression engine)",
    value: await pairedLookups(5_000),
    unit: 'items/s',
  });

  codeSandbox().close();
  return rows;
}

// Code node with the sandbox on: per-item throughput, whole-run latency, and
// the cost of lookups back to the host. Prints numbers; asserts nothing.
import { testNode } from '@guixu/core';
import code from '../packages/nodes/src/code/code.node.ts';
import { codeSandbox } from '../packages/nodes/src/code/sandbox/sandbox-client.ts';

interface Row {
  name: string;
  value: number;
  unit: string;
  target?: string;
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

  codeSandbox().close();
  return rows;
}

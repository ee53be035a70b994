/**
 * Expression evaluator throughput (issue targets: ≥ 2,000,000/s for a cached
 * `$json.a + 1`, ≥ 300,000/s for a map/join over ~5 items). Prints numbers;
 * asserts nothing. Run: `npx tsx bench/expressions.ts`.
 */
import type { Item } from '../packages/core/src/items.ts';
import { createExpressionEnv } from '../packages/core/src/expression/index.ts';
import type { WorkflowNode } from '../packages/core/src/workflow/schema.ts';

interface Result {
  name: string;
  value: number;
  unit: string;
  target?: string;
}

function env(items: Item[]) {
  const node: WorkflowNode = {
    id: 'n',
    name: 'Bench',
    type: 'guixu.noOp',
    typeVersion: 1,
    position: [0, 0],
    parameters: {},
  };
  return createExpressionEnv({
    workflow: { name: 'bench', nodes: [node], connections: {}, settings: {} },
    runData: {},
    node,
    runIndex: 0,
    inputs: [items],
    source: [null],
    execution: { id: 'bench', mode: 'manual' },
  });
}

function measure(source: string, items: Item[], minMs = 1000): number {
  const e = env(items);
  const n = items.length;
  for (let i = 0; i < 20_000; i++) e.evaluate(source, i % n); // warm up and compile once
  let count = 0;
  const start = performance.now();
  let elapsed = 0;
  while (elapsed < minMs) {
    for (let i = 0; i < 10_000; i++) e.evaluate(source, (count + i) % n);
    count += 10_000;
    elapsed = performance.now() - start;
  }
  return Math.round((count / elapsed) * 1000);
}

export default async function expressionBench(): Promise<Result[]> {
  const simpleItems: Item[] = Array.from({ length: 1000 }, (_, i) => ({ json: { a: i } }));
  const listItems: Item[] = Array.from({ length: 1000 }, (_, i) => ({
    json: { items: Array.from({ length: 5 }, (_, j) => ({ name: `n${i}-${j}`, v: j })) },
  }));
  const textItems: Item[] = Array.from({ length: 1000 }, (_, i) => ({ json: { first: `F${i}`, last: 'L' } }));
  return [
    {
      name: 'expression ={{ $json.a + 1 }} (cached)',
      value: measure('={{ $json.a + 1 }}', simpleItems),
      unit: 'evals/s',
      target: '>= 2000000',
    },
    {
      name: "expression ={{ $json.items.map(i => i.name).join(',') }} (5 items)",
      value: measure("={{ $json.items.map(i => i.name).join(',') }}", listItems),
      unit: 'evals/s',
      target: '>= 300000',
    },
    {
      name: 'expression =Hello {{ $json.first }} {{ $json.last }}',
      value: measure('=Hello {{ $json.first }} {{ $json.last }}', textItems),
      unit: 'evals/s',
    },
    {
      name: 'expression compile (uncached, distinct sources)',
      value: (() => {
        const e = env(simpleItems);
        const start = performance.now();
        let i = 0;
        while (performance.now() - start < 500) e.evaluate(`={{ $json.a + ${i++} }}`, 0);
        return Math.round((i / (performance.now() - start)) * 1000);
      })(),
      unit: 'compiles/s',
    },
  ];
}

if (import.meta.url === `file://${process.argv[1]}`) {
  for (const r of await expressionBench()) {
    console.log(
      `${r.name}: ${r.value.toLocaleString('en')} ${r.unit}${r.target ? ` (target ${r.target})` : ''}`,
    );
  }
}

// Python in the Code node (Pyodide in the sandbox isolate): cold start, per-item calls/s,
// whole runs/s, and a Dify-style main(**inputs) call. Prints numbers; asserts nothing.
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

const python = (mode: string, pythonCode: string) => ({ mode, language: 'python', pythonCode });

export default async function bench(): Promise<Row[]> {
  const rows: Row[] = [];
  const first = await time(() =>
    testNode(code, { parameters: python('runOnceForAllItems', 'return []'), items: [{}] }),
  );
  rows.push({ name: 'first Python run (starts the sandbox process and Pyodide)', value: first, unit: 'ms' });

  const count = 20_000;
  const items = Array.from({ length: count }, (_, a) => ({ a }));
  const perItem = python('runOnceForEachItem', 'return {"x": _json.a + 1}');
  await testNode(code, { parameters: perItem, items: items.slice(0, 1000) });
  let fastest = Number.POSITIVE_INFINITY;
  for (let round = 0; round < 3; round++) {
    fastest = Math.min(fastest, await time(() => testNode(code, { parameters: perItem, items })));
  }
  rows.push({
    name: `Python once per item, trivial body (${count.toLocaleString('en-US')} items, whole node run)`,
    value: count / (fastest / 1000),
    unit: 'calls/s',
  });

  const allItems = python('runOnceForAllItems', 'return [{"x": item.json.a * 2} for item in _input.all()]');
  const runs = 200;
  const small = items.slice(0, 10);
  const elapsed = await time(async () => {
    for (let i = 0; i < runs; i++) await testNode(code, { parameters: allItems, items: small });
  });
  rows.push({
    name: 'Python run once for all items, 10 items (sequential runs)',
    value: runs / (elapsed / 1000),
    unit: 'runs/s',
  });

  const dify = python(
    'runOnceForEachItem',
    'import json\ndef main(arg1: str, arg2: int) -> dict:\n    return {"result": json.dumps({"a": arg1, "b": arg2})}\n\nreturn {"json": main(**{"arg1": str(_json.a), "arg2": _json.a})}',
  );
  const difyRuns = 200;
  const difyElapsed = await time(async () => {
    for (let i = 0; i < difyRuns; i++) await testNode(code, { parameters: dify, items: [{ a: i }] });
  });
  rows.push({
    name: 'Dify main(**inputs) node runs, one item each (sequential)',
    value: difyRuns / (difyElapsed / 1000),
    unit: 'runs/s',
  });

  codeSandbox().close();
  return rows;
}

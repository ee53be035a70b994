import { readdirSync, readFileSync } from 'node:fs';
import { createEngine, MemoryBinaryStore, systemClock } from '@guixu/core';
import { builtinNodes } from '@guixu/nodes';
import { importN8n } from './src/index.ts';
const registry = await builtinNodes();
const dir = process.argv[2];
for (const f of readdirSync(dir)
  .filter((f) => /^w.*\.json$/.test(f))
  .sort()) {
  const { workflow } = importN8n(JSON.parse(readFileSync(`${dir}/${f}`, 'utf8')), { registry });
  const engine = createEngine({
    registry,
    services: { binary: new MemoryBinaryStore(), clock: systemClock },
  });
  const state = engine.start(workflow, { executionId: 'x', mode: 'cli' });
  const order: string[] = [];
  await engine.run(workflow, state, {
    onCheckpoint: (c) => {
      if (c.record) {
        const r = c.record;
        order.push(
          `${c.node}#${c.runIndex}[${(r.data?.main ?? []).map((l) => l.length)}]<${r.source.map((s) => (s ? s.previousNode : ''))}>`,
        );
      }
    },
  });
  console.log(f, state.status, JSON.stringify(order), state.error?.message ?? '');
}

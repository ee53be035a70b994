import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createEngine, finalItems, MemoryBinaryStore, systemClock, validateWorkflow } from '@guixu/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { builtinNodes } from '../index.ts';

const examples = join(dirname(fileURLToPath(import.meta.url)), '../../../../examples');
let api: ChildProcess;
let baseUrl = '';

beforeAll(async () => {
  api = spawn(process.execPath, [join(examples, 'local-api.mjs')], {
    env: { ...process.env, PORT: '0' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const [line] = await Promise.race([
    once(api.stdout ?? api, 'data'),
    once(api, 'exit').then(() => {
      throw new Error('examples/local-api.mjs exited before listening');
    }),
  ]);
  const match = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(String(line));
  if (!match?.[1]) throw new Error(`unexpected output from local-api.mjs: ${String(line)}`);
  baseUrl = match[1];
});

afterAll(() => {
  api?.kill();
});

describe('examples/http-todos.json', () => {
  it('pages through the local API and posts one report per todo', async () => {
    const text = await readFile(join(examples, 'http-todos.json'), 'utf8');
    const registry = await builtinNodes();
    const validation = validateWorkflow(
      JSON.parse(text.replaceAll('http://127.0.0.1:8787', baseUrl)),
      registry,
    );
    expect(validation.errors).toEqual([]);
    expect(validation.warnings.filter((w) => w.code === 'CREDENTIAL_MISSING')).toEqual([]);
    const workflow = validation.workflow;
    if (!workflow) throw new Error('example did not validate');
    const engine = createEngine({
      registry,
      services: { binary: new MemoryBinaryStore(), clock: systemClock },
    });
    const state = await engine.run(
      workflow,
      engine.start(workflow, { executionId: 'example', mode: 'manual' }),
    );
    expect(state.status).toBe('success');
    const items = finalItems(state).map((item) => item.json);
    expect(items).toHaveLength(8);
    expect(items[0]).toMatchObject({
      source: 'guixu-example',
      todo: { id: 1, title: 'Task 1' },
      status: 'done',
    });
    expect(new Set(items.map((item) => item.reportId)).size).toBe(8);
  });
});

import { testNode, testNodeError } from '@guixu/core';
import { afterEach, describe, expect, it } from 'vitest';
import code from './code.node.ts';
import { SandboxPool } from './sandbox/sandbox-client.ts';

const all = (jsCode: string) => ({ mode: 'runOnceForAllItems', jsCode });
const each = (jsCode: string) => ({ mode: 'runOnceForEachItem', jsCode });

describe('Code: sandbox limits and isolation', () => {
  const saved = { ...process.env };
  afterEach(() => {
    process.env.GUIXU_CODE_TIMEOUT_MS = saved.GUIXU_CODE_TIMEOUT_MS;
    process.env.GUIXU_CODE_MEMORY_MB = saved.GUIXU_CODE_MEMORY_MB;
    if (saved.GUIXU_CODE_TIMEOUT_MS === undefined) delete process.env.GUIXU_CODE_TIMEOUT_MS;
    if (saved.GUIXU_CODE_MEMORY_MB === undefined) delete process.env.GUIXU_CODE_MEMORY_MB;
  });

  it('stops an endless loop with CODE_TIMEOUT, then runs the next code normally', async () => {
    process.env.GUIXU_CODE_TIMEOUT_MS = '300';
    const error = await testNodeError(code, { parameters: all('while (true) {}'), items: [{}] });
    expect(error).toMatchObject({ code: 'CODE_TIMEOUT', message: 'Code execution timed out after 300 ms' });
    const asyncLoop = await testNodeError(code, {
      parameters: each('await null;\nfor (;;) {}'),
      items: [{}],
    });
    expect(asyncLoop.code).toBe('CODE_TIMEOUT');
    const next = await testNode(code, { parameters: all('return [{ ok: true }]'), items: [{}] });
    expect(next.json).toEqual([[{ ok: true }]]);
  });

  it('stops code that allocates a huge array with CODE_MEMORY_LIMIT, then recovers', async () => {
    process.env.GUIXU_CODE_MEMORY_MB = '32';
    const huge = await testNodeError(code, {
      parameters: all('const chunks = [];\nwhile (true) chunks.push(new Array(1e5).fill(1));'),
      items: [{}],
    });
    expect(huge).toMatchObject({
      code: 'CODE_MEMORY_LIMIT',
      message: 'Code used more than its memory limit of 32 MB',
    });
    const growing = await testNodeError(code, {
      parameters: all("const rows = [];\nwhile (true) rows.push({ n: rows.length, s: 'x' + rows.length });"),
      items: [{}],
    });
    expect(growing.code).toBe('CODE_MEMORY_LIMIT');
    // V8 11 (Node 20) runs out of memory at once; V8 13 (Node 24) fills a dictionary-mode array in a
    // builtin that cannot be interrupted, so the host gives up on the process after the timeout.
    process.env.GUIXU_CODE_TIMEOUT_MS = '2000';
    const billion = await testNodeError(code, {
      parameters: all('const big = new Array(1e9).fill(0);\nreturn [{ n: big.length }];'),
      items: [{}],
    });
    expect(['CODE_MEMORY_LIMIT', 'CODE_TIMEOUT']).toContain(billion.code);
    const next = await testNode(code, { parameters: all('return [{ ok: 1 }]'), items: [{}] });
    expect(next.json).toEqual([[{ ok: 1 }]]);
  });

  it('gives user code no way to the host: no process, no host modules, no host globals', async () => {
    const result = await testNode(code, {
      parameters: all(`
const probe = (f) => { try { const v = f(); return v === undefined ? 'undefined' : typeof v; } catch (e) { return 'threw ' + e.name; } };
return [{
  process: typeof process,
  fs: probe(() => require('fs')),
  childProcess: probe(() => require('node:child_process')),
  cryptoIsLocal: !String(require('crypto').createHash).includes('[native code]'),
  module: typeof module,
  fetch: typeof fetch,
  viaConstructor: probe(() => this.constructor.constructor('return process')()),
  viaFunction: Function('return typeof process')(),
  viaConsole: probe(() => console.log.constructor('return process')()),
  viaHelper: probe(() => $input.all.constructor('return process')()),
  globalKeys: Object.getOwnPropertyNames(globalThis).filter((k) => /^(process|module|ivm|Reference)$|^__/.test(k)),
  globalProcess: probe(() => globalThis.process),
}];`),
      items: [{}],
    });
    expect(result.json[0][0]).toEqual({
      process: 'undefined',
      fs: 'threw Error',
      childProcess: 'threw Error',
      cryptoIsLocal: true,
      module: 'undefined',
      fetch: 'undefined',
      viaConstructor: 'threw ReferenceError',
      viaFunction: 'undefined',
      viaConsole: 'threw ReferenceError',
      viaHelper: 'threw ReferenceError',
      globalKeys: [],
      globalProcess: 'undefined',
    });
  });

  it('keeps no state between runs (fresh context each run)', async () => {
    await testNode(code, {
      parameters: all('globalThis.leak = 42; Object.prototype.polluted = 1; return [];'),
      items: [{}],
    });
    const result = await testNode(code, {
      parameters: all('return [{ leak: typeof leak, polluted: typeof ({}).polluted }];'),
      items: [{}],
    });
    expect(result.json).toEqual([[{ leak: 'undefined', polluted: 'undefined' }]]);
  });

  it('runs in the sandbox pool the host hands in through services.codeSandbox', async () => {
    const pool = new SandboxPool(() => 1);
    try {
      const result = await testNode(code, {
        parameters: all('return [{ ok: true }]'),
        items: [{}],
        services: { codeSandbox: pool },
      });
      expect(result.json).toEqual([[{ ok: true }]]);
      expect(pool.processIds()).toHaveLength(1);
    } finally {
      pool.close();
    }
  });

  it('stops when the execution is canceled', async () => {
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 200);
    const error = await testNodeError(code, {
      parameters: all('while (true) {}'),
      items: [{}],
      signal: controller.signal,
    });
    expect(error.code).toBe('EXECUTION_CANCELED');
  });
});

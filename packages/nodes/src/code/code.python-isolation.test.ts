import {
  createEngine,
  MemoryBinaryStore,
  NodeRegistry,
  systemClock,
  testNode,
  testNodeError,
  type Workflow,
} from '@guixu/core';
import { afterEach, describe, expect, it } from 'vitest';
import manualTrigger from '../manual-trigger/manual-trigger.node.ts';
import code from './code.node.ts';

// The Python escape suite, like code.isolation.test.ts for JavaScript: Python reaches
// JavaScript through `js`, `pyodide_js` and `pyodide.ffi`, and all of them reach only the
// isolate, which has no Node APIs. One warm interpreter serves every probe; the time and
// memory cases replace it and run last.
const all = (pythonCode: string) => ({ mode: 'runOnceForAllItems', language: 'python', pythonCode });

async function probe(pythonCode: string): Promise<unknown> {
  const result = await testNode(code, { parameters: all(pythonCode), items: [{}] });
  return result.json[0][0];
}

describe('Code: Python sandbox isolation and limits', { timeout: 180_000 }, () => {
  const saved = { ...process.env };
  afterEach(() => {
    for (const name of ['GUIXU_CODE_TIMEOUT_MS', 'GUIXU_CODE_MEMORY_MB'] as const) {
      if (saved[name] === undefined) delete process.env[name];
      else process.env[name] = saved[name];
    }
  });

  it('has no host file system, processes or environment', async () => {
    expect(
      await probe(
        [
          'import os',
          'files = sorted(os.listdir("/"))',
          'try:',
          '    open("/etc/passwd").read()',
          '    passwd = "read"',
          'except OSError as error:',
          '    passwd = type(error).__name__',
          'try:',
          '    import subprocess',
          '    subprocess.run(["ls"])',
          '    proc = "ran"',
          'except OSError as error:',
          '    proc = type(error).__name__',
          'return {"files": files, "passwd": passwd, "proc": proc, "secret": os.environ.get("GUIXU_SECRET_PROBE")}',
        ].join('\n'),
      ),
    ).toEqual({
      files: ['dev', 'home', 'lib', 'proc', 'tmp'],
      passwd: 'FileNotFoundError',
      proc: 'OSError',
      secret: null,
    });
  });

  it('has no network: sockets, urllib and pyodide.http all fail', async () => {
    const result = (await probe(
      [
        'out = {}',
        'import socket, urllib.request',
        'for name, attempt in [',
        '    ("socket", lambda: socket.create_connection(("127.0.0.1", 5432), timeout=1)),',
        '    ("urllib", lambda: urllib.request.urlopen("http://127.0.0.1:5432/")),',
        ']:',
        '    try:',
        '        attempt()',
        '        out[name] = "connected"',
        '    except Exception as error:',
        '        out[name] = "failed"',
        'try:',
        '    import pyodide.http',
        '    pyodide.http.open_url("http://127.0.0.1:5432/")',
        '    out["open_url"] = "connected"',
        'except Exception as error:',
        '    out["open_url"] = "failed"',
        'try:',
        '    import micropip',
        '    out["micropip"] = "imported"',
        'except Exception:',
        '    out["micropip"] = "failed"',
        'return out',
      ].join('\n'),
    )) as Record<string, string>;
    expect(result).toEqual({ socket: 'failed', urllib: 'failed', open_url: 'failed', micropip: 'failed' });
  });

  it('`js`, `pyodide_js` and the Function constructor reach only the bare isolate', async () => {
    const result = await probe(
      [
        'import js, pyodide_js',
        'from pyodide.ffi import JsProxy',
        'names = [n for n in dir(js) if not n.startswith("_")]',
        'probe = pyodide_js.constructor.constructor(',
        '    "return [typeof process, typeof require, typeof fetch, typeof XMLHttpRequest, typeof readbuffer,"',
        '    " typeof read, typeof __guixuLookup, typeof Deno, typeof Bun].join(\',\')"',
        ')()',
        'return {"js_has_process": hasattr(js, "process"), "js_has_require": "require" in names, "probe": probe}',
      ].join('\n'),
    );
    expect(result).toEqual({
      js_has_process: false,
      js_has_require: false,
      probe: 'undefined,undefined,undefined,undefined,undefined,undefined,undefined,undefined,undefined',
    });
  });

  it('a run does not see the previous run’s globals', async () => {
    await probe('global leaked\nleaked = 42\nreturn [{}]');
    expect(await probe('return {"leaked": "leaked" in globals()}')).toEqual({ leaked: false });
  });

  it('static data and _now are copies: a failed run leaves the workflow data as it was', async () => {
    const workflow: Workflow = {
      name: 'Python static data copy',
      settings: {},
      nodes: [
        {
          id: 't',
          name: 'Trigger',
          type: 'guixu.manualTrigger',
          typeVersion: 1,
          position: [0, 0],
          parameters: {},
        },
        {
          id: 'c',
          name: 'Tamper',
          type: 'guixu.code',
          typeVersion: 2,
          position: [200, 0],
          parameters: all(
            [
              'data = _getWorkflowStaticData("global")',
              'data["count"] = 99',
              'data["host"] = type(_now).__mro__[-1].__subclasses__()',
              'raise ValueError("stop")',
            ].join('\n'),
          ),
        },
      ],
      connections: { Trigger: { main: [[{ node: 'Tamper', type: 'main', index: 0 }]] } },
    };
    const engine = createEngine({
      registry: new NodeRegistry().register(manualTrigger).register(code),
      services: { binary: new MemoryBinaryStore(), clock: systemClock },
    });
    const state = engine.start(workflow, {
      executionId: 'py-static-copy',
      mode: 'manual',
      staticData: { global: { count: 1 } },
    });
    await engine.run(workflow, state, {});
    expect(state.status).toBe('error');
    expect(state.error?.message).toBe('stop [line 4]');
    expect(state.staticData).toEqual({ global: { count: 1 } });
  });

  it('stops an endless loop with CODE_TIMEOUT, then runs the next code normally', async () => {
    process.env.GUIXU_CODE_TIMEOUT_MS = '1000';
    const error = await testNodeError(code, { parameters: all('while True:\n    pass'), items: [{}] });
    expect(error).toMatchObject({ code: 'CODE_TIMEOUT', message: 'Code execution timed out after 1 s' });
    delete process.env.GUIXU_CODE_TIMEOUT_MS;
    expect(await probe('return {"ok": True}')).toEqual({ ok: true });
  });

  it('stops code that allocates past the memory limit with CODE_MEMORY_LIMIT', async () => {
    process.env.GUIXU_CODE_MEMORY_MB = '64';
    const error = await testNodeError(code, {
      parameters: all('chunks = []\nwhile True:\n    chunks.append(bytearray(8 * 1024 * 1024))'),
      items: [{}],
    });
    expect(error).toMatchObject({ code: 'CODE_MEMORY_LIMIT' });
  });
});

import { type Item, testNode, testNodeError } from '@guixu/core';
import { afterEach, describe, expect, it } from 'vitest';
import code from './code.node.ts';
import { SandboxPool } from './sandbox/sandbox-client.ts';

const all = (jsCode: string) => ({ mode: 'runOnceForAllItems', jsCode });
const each = (jsCode: string) => ({ mode: 'runOnceForEachItem', jsCode });

describe('Code: Run Once for All Items', () => {
  it('runs the default code: edits input items and returns them', async () => {
    const result = await testNode(code, { items: [{ a: 1 }, { a: 2 }] });
    expect(result.json).toEqual([
      [
        { a: 1, myNewField: 1 },
        { a: 2, myNewField: 1 },
      ],
    ]);
    expect(result.outputs[0].map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
  });

  it('wraps plain objects, accepts a single object, legacy `items`, and null', async () => {
    const plain = await testNode(code, {
      parameters: all('return items.map((item) => ({ doubled: item.json.a * 2 }))'),
      items: [{ a: 1 }, { a: 2 }],
    });
    expect(plain.json).toEqual([[{ doubled: 2 }, { doubled: 4 }]]);
    const single = await testNode(code, {
      parameters: all('return { total: 3 }'),
      items: [{ a: 1 }, { a: 2 }],
    });
    expect(single.outputs).toEqual([[{ json: { total: 3 } }]]);
    const wrapped = await testNode(code, { parameters: all('return { json: { x: 1 } }'), items: [{ a: 1 }] });
    expect(wrapped.outputs).toEqual([[{ json: { x: 1 }, pairedItem: { item: 0 } }]]);
    const none = await testNode(code, { parameters: all('return null'), items: [{ a: 1 }] });
    expect(none.json).toEqual([[]]);
  });

  it('pairs returned input items to the input they are, and keeps explicit pairedItem', async () => {
    const filtered = await testNode(code, {
      parameters: all('return $input.all().filter((item) => item.json.keep).reverse()'),
      items: [
        { keep: true, n: 0 },
        { keep: false, n: 1 },
        { keep: true, n: 2 },
      ],
    });
    expect(filtered.outputs[0].map((i) => [i.json.n, i.pairedItem])).toEqual([
      [2, { item: 2 }],
      [0, { item: 0 }],
    ]);
    const explicit = await testNode(code, {
      parameters: all('return [{ json: { a: 1 }, pairedItem: { item: 1 } }]'),
      items: [{}, {}, {}],
    });
    expect(explicit.outputs[0][0].pairedItem).toEqual({ item: 1 });
    const unknown = await testNode(code, { parameters: all('return [{ a: 1 }]'), items: [{}, {}] });
    expect(unknown.outputs[0][0].pairedItem).toBeUndefined();
  });

  it('sees $json and $itemIndex of the first item, like n8n', async () => {
    const result = await testNode(code, {
      parameters: all(
        'return [{ first: $json.a, at: $itemIndex, count: $input.all().length, last: $input.last().json.a }]',
      ),
      items: [{ a: 'x' }, { a: 'y' }],
    });
    expect(result.json).toEqual([[{ first: 'x', at: 0, count: 2, last: 'y' }]]);
  });

  it('supports top-level await and async functions', async () => {
    const result = await testNode(code, {
      parameters: all(`
const wait = (v) => new Promise((resolve) => resolve(v));
const values = await Promise.all($input.all().map(async (item) => (await wait(item.json.a)) * 10));
return values.map((v) => ({ v }));`),
      items: [{ a: 1 }, { a: 2 }],
    });
    expect(result.json).toEqual([[{ v: 10 }, { v: 20 }]]);
  });

  it('lets code declare its own `items`, `item` and `$json` (they shadow the globals)', async () => {
    const all = await testNode(code, {
      parameters: {
        jsCode:
          'const items = $input.all();\nlet $json = { shadow: true };\nreturn items.map((i) => ({ ...i.json, ...$json }));',
      },
      items: [{ a: 1 }],
    });
    expect(all.json).toEqual([[{ a: 1, shadow: true }]]);
    const each = await testNode(code, {
      parameters: {
        mode: 'runOnceForEachItem',
        jsCode: 'const item = $input.item;\nitem.json.seen = true;\nreturn item;',
      },
      items: [{ a: 1 }, { a: 2 }],
    });
    expect(each.json).toEqual([
      [
        { a: 1, seen: true },
        { a: 2, seen: true },
      ],
    ]);
  });

  it('does not run with no input items', async () => {
    const result = await testNode(code, { parameters: all('throw new Error("ran")'), items: [] });
    expect(result.json).toEqual([[]]);
  });
});

describe('Code: Run Once for Each Item', () => {
  it('runs per item with $json, $input.item, item and $itemIndex, pairing each output', async () => {
    const result = await testNode(code, {
      parameters: each(
        'return { json: { x: $json.a + 1, same: $input.item.json.a === item.json.a, i: $itemIndex } }',
      ),
      items: [{ a: 1 }, { a: 2 }, { a: 3 }],
    });
    expect(result.json).toEqual([
      [
        { x: 2, same: true, i: 0 },
        { x: 3, same: true, i: 1 },
        { x: 4, same: true, i: 2 },
      ],
    ]);
    expect(result.outputs[0].map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
  });

  it('wraps plain objects and drops items when nothing is returned', async () => {
    const result = await testNode(code, {
      parameters: each('if ($json.skip) return;\nreturn { n: $json.n };'),
      items: [{ n: 1 }, { n: 2, skip: true }, { n: 3 }],
    });
    expect(result.outputs).toEqual([
      [
        { json: { n: 1 }, pairedItem: { item: 0 } },
        { json: { n: 3 }, pairedItem: { item: 2 } },
      ],
    ]);
  });

  it('awaits per item', async () => {
    const result = await testNode(code, {
      parameters: each('const v = await Promise.resolve($json.a);\nreturn { v };'),
      items: [{ a: 'p' }, { a: 'q' }],
    });
    expect(result.json).toEqual([[{ v: 'p' }, { v: 'q' }]]);
  });

  it('refuses $input.all() like n8n, naming the line', async () => {
    const error = await testNodeError(code, {
      parameters: each('// per item\nconst rows = $input.all();\nreturn rows[0];'),
      items: [{}],
    });
    expect(error.code).toBe('CODE_INVALID_RESULT');
    expect(error.message).toBe("Can't use .all() here [line 2, for item 0]");
  });
});

describe('Code: helpers inside the sandbox', () => {
  it('has Luxon ($now, $today, DateTime, Duration, Interval) in the workflow timezone', async () => {
    const result = await testNode(code, {
      parameters: all(`
const d = DateTime.fromISO('2024-03-10T12:00:00Z');
return [{
  zone: $now.zoneName,
  today: $today.toFormat('HH:mm'),
  local: d.toFormat('yyyy-MM-dd HH:mm'),
  plus: d.plus(Duration.fromObject({ days: 1 })).toISODate(),
  hours: Interval.fromDateTimes(d, d.plus({ hours: 5 })).length('hours'),
  iso: d,
}];`),
      workflow: { settings: { timezone: 'Asia/Tokyo' } },
      items: [{}],
    });
    expect(result.json[0][0]).toEqual({
      zone: 'Asia/Tokyo',
      today: '00:00',
      local: '2024-03-10 21:00',
      plus: '2024-03-11',
      hours: 5,
      iso: '2024-03-10T21:00:00.000+09:00',
    });
  });

  it('has $jmespath, $if, $ifEmpty, $max, $min, $runIndex, $workflow, $execution', async () => {
    const result = await testNode(code, {
      parameters: all(`return [{
  names: $jmespath({ people: [{ name: 'a' }, { name: 'b' }] }, 'people[*].name'),
  yes: $if(true, 'y', 'n'),
  empty: $ifEmpty([], 'fallback'),
  kept: $ifEmpty('v', 'fallback'),
  max: $max(1, 5, 3),
  min: $min(4, 2),
  run: $runIndex,
  workflow: $workflow.name,
  execution: $execution.id,
  mode: $execution.mode,
  lazyLuxon: globalThis['Date' + 'Time'].fromISO('2024-05-06').year,
}];`),
      runIndex: 2,
      items: [{}],
    });
    expect(result.json[0][0]).toEqual({
      names: ['a', 'b'],
      yes: 'y',
      empty: 'fallback',
      kept: 'v',
      max: 5,
      min: 2,
      run: 2,
      workflow: 'Test workflow',
      execution: 'test-execution',
      mode: 'manual',
      lazyLuxon: 2024,
    });
  });

  it('exposes binary metadata through $binary and keeps binary on returned items', async () => {
    const ref = { id: 'bin-1', mimeType: 'text/plain', fileName: 'a.txt', fileSize: 3 };
    const input: Item = { json: { a: 1 }, binary: { data: ref } };
    const result = await testNode(code, {
      parameters: each(
        'return { json: { name: $binary.data.fileName, size: $binary.data.fileSize }, binary: $input.item.binary };',
      ),
      items: [input],
    });
    expect(result.outputs[0][0]).toEqual({
      json: { name: 'a.txt', size: 3 },
      binary: { data: ref },
      pairedItem: { item: 0 },
    });
  });

  it('stores inline base64 binary data returned by the code', async () => {
    const result = await testNode(code, {
      parameters: all(
        "return [{ json: {}, binary: { file: { data: 'aGVsbG8=', mimeType: 'text/plain', fileName: 'h.txt' } } }];",
      ),
      items: [{}],
    });
    const stored = result.outputs[0][0].binary?.file;
    expect(stored).toMatchObject({ mimeType: 'text/plain', fileName: 'h.txt', fileSize: 5 });
    if (!stored) throw new Error('no binary');
    expect(Buffer.from(await result.services.binary.get(stored)).toString()).toBe('hello');
  });

  it('has timers (setTimeout, setInterval, clearTimeout) and btoa/atob', async () => {
    const result = await testNode(code, {
      parameters: all(`
const order = [];
await new Promise((resolve) => setTimeout(resolve, 20));
order.push('slept');
const cancelled = setTimeout(() => order.push('never'), 5);
clearTimeout(cancelled);
await new Promise((resolve) => {
  let ticks = 0;
  const id = setInterval(() => {
    ticks++;
    order.push('tick ' + ticks);
    if (ticks === 3) { clearInterval(id); resolve(); }
  }, 5);
});
await new Promise((resolve) => setTimeout(resolve, 20));
return [{ order, encoded: btoa('héllo!'), decoded: atob('aMOpbGxvIQ=='), roundTrip: atob(btoa('ab')) }];`),
      items: [{}],
    });
    expect(result.json[0][0]).toEqual({
      order: ['slept', 'tick 1', 'tick 2', 'tick 3'],
      encoded: 'aOlsbG8h',
      decoded: 'hÃ©llo!',
      roundTrip: 'ab',
    });
  });

  it('fails the run when a timer callback throws, at the line of the throw', async () => {
    const error = await testNodeError(code, {
      parameters: all(
        "await new Promise((resolve) => {\n  setTimeout(() => {\n    throw new Error('late failure');\n  }, 5);\n});\nreturn [];",
      ),
      items: [{}],
    });
    expect(error).toMatchObject({ code: 'CODE_EXECUTION_FAILED', message: 'late failure [line 3]' });
  });

  it('has the Buffer, crypto and $items that n8n snippets use', async () => {
    const result = await testNode(code, {
      parameters: all(`
const text = 'héllo wörld ✓ 😀';
const b64 = Buffer.from(text).toString('base64');
const crypto = require('crypto');
const uuid = crypto.randomUUID();
return [{
  b64,
  back: Buffer.from(b64, 'base64').toString('utf8'),
  url: Buffer.from('???>>>').toString('base64url'),
  hex: Buffer.from('AB').toString('hex'),
  fromHex: Buffer.from('4142', 'hex').toString(),
  length: Buffer.byteLength(text),
  concat: Buffer.concat([Buffer.from('a'), Buffer.from('b')]).toString(),
  isBuffer: Buffer.isBuffer(Buffer.alloc(2)),
  asJson: JSON.stringify(Buffer.from('hi')),
  sha256: crypto.createHash('sha256').update('abc').digest('hex'),
  hmac: crypto.createHmac('sha1', 'key').update('The quick brown fox jumps over the lazy dog').digest('base64'),
  uuid: /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/.test(uuid),
  webUuid: typeof globalThis.crypto.randomUUID(),
  random: crypto.randomBytes(8).length,
  inputs: $items().length,
}];`),
      items: [{}, {}],
    });
    const text = 'héllo wörld ✓ 😀';
    expect(result.json[0][0]).toEqual({
      b64: Buffer.from(text).toString('base64'),
      back: text,
      url: Buffer.from('???>>>').toString('base64url'),
      hex: '4142',
      fromHex: 'AB',
      length: Buffer.byteLength(text),
      concat: 'ab',
      isBuffer: true,
      asJson: JSON.stringify(Buffer.from('hi')),
      sha256: 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
      hmac: '3nybhbi3iqa8ino29wqQcBydtNk=',
      uuid: true,
      webUuid: 'string',
      random: 8,
      inputs: 2,
    });
  });

  it('captures console output into the node logs, not the host console', async () => {
    const result = await testNode(code, {
      parameters: all(`console.log('hello', { a: 1 }, [1, 'x']);
console.warn('careful');
console.error(new TypeError('bad'));
console.info(undefined, null, 3);
return [];`),
      items: [{}],
    });
    expect(result.logs.map((l) => [l.level, l.message.split('\n')[0]])).toEqual([
      ['info', 'hello {"a": 1} [1, "x"]'],
      ['warn', 'careful'],
      ['error', 'TypeError: bad'],
      ['info', 'undefined null 3'],
    ]);
  });
});

describe('Code: errors', () => {
  it("appends the user's line number to errors thrown by the code", async () => {
    const error = await testNodeError(code, {
      parameters: all('const a = 1;\n\nconst b = a.missing.deeper;\nreturn [];'),
      items: [{}],
    });
    expect(error).toMatchObject({
      code: 'CODE_EXECUTION_FAILED',
      node: 'Code',
      description: 'TypeError',
      message: "Cannot read properties of undefined (reading 'deeper') [line 3]",
    });
    expect(error.details).toMatchObject({ lineNumber: 3, errorType: 'TypeError' });
  });

  it('names the line of a thrown error in per-item mode and the item in details', async () => {
    const error = await testNodeError(code, {
      parameters: each("if ($json.bad) {\n  throw new Error('bad item');\n}\nreturn $json;"),
      items: [{}, { bad: true }],
    });
    expect(error.message).toBe('bad item [line 2]');
    expect(error.details).toMatchObject({ itemIndex: 1, lineNumber: 2 });
  });

  it('reports syntax errors with their line', async () => {
    const error = await testNodeError(code, {
      parameters: all('const a = 1;\nconst b = ;\nreturn [];'),
      items: [{}],
    });
    expect(error.code).toBe('CODE_SYNTAX_ERROR');
    expect(error.message).toBe("Unexpected token ';' [line 2]");
  });

  it('rejects results that are not items, with n8n wording', async () => {
    const cases: [Record<string, string>, string][] = [
      [all('return 5'), "Code doesn't return items properly"],
      [all('return [1, 2]'), "Code doesn't return items properly"],
      [all('return [{ json: { a: 1 }, extra: 1 }]'), 'Invalid output format [item 0]'],
      [all('return [{ json: [1] }]'), "A 'json' property isn't an object [item 0]"],
      [all('return [{ json: {} }, { a: 1 }]'), 'Unknown top-level item key: a [item 1]'],
      [all('return [{ json: {}, binary: 5 }]'), "A 'binary' property isn't an object [item 0]"],
      [each('return [$json]'), "Code doesn't return a single object [item 0]"],
      [each("return 'text'"), "Code doesn't return an object [item 0]"],
      [each('return { json: 3 }'), "A 'json' property isn't an object [item 0]"],
      [all('const a = {}; a.self = a; return [a];'), 'The returned data cannot be converted to JSON'],
    ];
    for (const [parameters, message] of cases) {
      const error = await testNodeError(code, { parameters, items: [{ a: 1 }] });
      expect(error.message, parameters.jsCode).toContain(message);
    }
  });

  it('refuses Python with a clear error', async () => {
    for (const language of ['python', 'pythonNative']) {
      const error = await testNodeError(code, {
        parameters: { language, pythonCode: 'return _input.all()' },
        items: [{}],
      });
      expect(error).toMatchObject({
        code: 'CODE_LANGUAGE_UNSUPPORTED',
        parameter: 'language',
        message: 'Python is not supported in this build; rewrite the code in JavaScript',
      });
    }
  });
});

describe('Code: onError', () => {
  it('continue: a failing all-items run becomes one { error } item', async () => {
    const result = await testNode(code, {
      parameters: all('throw new Error("nope")'),
      items: [{}, {}],
      onError: 'continueRegularOutput',
    });
    expect(result.json).toEqual([[{ error: 'nope [line 1]' }]]);
  });

  it('continue: per item, only the failing items become { error }, paired to their input', async () => {
    const result = await testNode(code, {
      parameters: each("if ($json.bad) throw new Error('bad ' + $itemIndex);\nreturn { ok: $itemIndex };"),
      items: [{}, { bad: true }, {}],
      onError: 'continueErrorOutput',
    });
    expect(result.outputs).toEqual([
      [
        { json: { ok: 0 }, pairedItem: { item: 0 } },
        { json: { error: 'bad 1 [line 1]' }, pairedItem: { item: 1 } },
        { json: { ok: 2 }, pairedItem: { item: 2 } },
      ],
    ]);
  });

  it('stop: the first failing item stops the run', async () => {
    const error = await testNodeError(code, {
      parameters: each("throw new Error('first')"),
      items: [{}, {}],
    });
    expect(error.message).toBe('first [line 1]');
  });
});

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
      parameters: all('const big = new Array(1e9).fill(0);\nreturn [{ n: big.length }];'),
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

import { type Item, MemoryBinaryStore, testNode, testNodeError } from '@guixu/core';
import { describe, expect, it } from 'vitest';
import code from './code.node.ts';

const all = (jsCode: string) => ({ mode: 'runOnceForAllItems', jsCode });
const each = (jsCode: string) => ({ mode: 'runOnceForEachItem', jsCode });

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

describe('Code: this.helpers.getBinaryDataBuffer', () => {
  it("reads an input item's binary bytes as a Buffer, as n8n's helper does", async () => {
    const binary = new MemoryBinaryStore();
    const ref = await binary.put(new TextEncoder().encode('héllo bytes'), {
      mimeType: 'text/plain',
      executionId: 'e1',
    });
    const result = await testNode(code, {
      parameters: all(`
const buffer = await this.helpers.getBinaryDataBuffer(1, 'file');
return [{ text: buffer.toString('utf8'), length: buffer.length, isBuffer: Buffer.isBuffer(buffer) }];`),
      items: [{ json: {} }, { json: {}, binary: { file: ref } }],
      services: { binary },
    });
    expect(result.json[0]).toEqual([{ text: 'héllo bytes', length: 12, isBuffer: true }]);
  });

  it('fails clearly for a missing binary property, per item in per-item mode', async () => {
    const error = await testNodeError(code, {
      parameters: each(`await this.helpers.getBinaryDataBuffer($itemIndex, 'data'); return $json;`),
      items: [{ a: 1 }],
    });
    expect(error.message).toContain('Item 0 has no binary property "data"');
  });
});

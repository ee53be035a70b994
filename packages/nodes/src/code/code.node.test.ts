import { testNode, testNodeError } from '@guixu/core';
import { describe, expect, it } from 'vitest';
import code from './code.node.ts';

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

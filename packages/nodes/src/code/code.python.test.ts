import {
  createEngine,
  MemoryBinaryStore,
  NodeRegistry,
  systemClock,
  testNode,
  testNodeError,
  type Workflow,
} from '@guixu/core';
import manualTrigger from '../manual-trigger/manual-trigger.node.ts';
import { describe, expect, it } from 'vitest';
import code from './code.node.ts';

// Pyodide starts in seconds, not milliseconds: these tests share one warm interpreter (one
// sandbox process runs them in turn) and keep the cases that need a fresh one to a minimum.
const all = (pythonCode: string) => ({ mode: 'runOnceForAllItems', language: 'python', pythonCode });
const each = (pythonCode: string) => ({ mode: 'runOnceForEachItem', language: 'python', pythonCode });

describe('Code: Python (Pyodide)', { timeout: 120_000 }, () => {
  it('runs the default Python code: edits input items and returns them', async () => {
    // The first run starts Pyodide (seconds); the time limit is the code's, so a limit far
    // shorter than the start still lets the run through.
    const saved = process.env.GUIXU_CODE_TIMEOUT_MS;
    process.env.GUIXU_CODE_TIMEOUT_MS = '2000';
    let result: Awaited<ReturnType<typeof testNode>>;
    try {
      result = await testNode(code, { parameters: { language: 'python' }, items: [{ a: 1 }, { a: 2 }] });
    } finally {
      if (saved === undefined) delete process.env.GUIXU_CODE_TIMEOUT_MS;
      else process.env.GUIXU_CODE_TIMEOUT_MS = saved;
    }
    expect(result.json).toEqual([
      [
        { a: 1, my_new_field: 1 },
        { a: 2, my_new_field: 1 },
      ],
    ]);
    // n8n's "Python (Native)" files run in the same interpreter, with its `_items` shape.
    const native = await testNode(code, {
      parameters: {
        language: 'pythonNative',
        pythonCode: 'for item in _items:\n    item["json"]["seen"] = True\nreturn _items',
      },
      items: [{ a: 1 }],
    });
    expect(native.json).toEqual([[{ a: 1, seen: true }]]);
  });

  it('all-items mode: _input.all(), _items, dicts with attribute access, plain dicts wrapped', async () => {
    const result = await testNode(code, {
      parameters: all(
        [
          'total = sum(item.json.n for item in _input.all())',
          'names = [item["json"]["name"] for item in _items]',
          'first = _input.first().json.name',
          'return [{"total": total, "names": names, "first": first, "last": _input.last().json.n, "json_n": _json.n}]',
        ].join('\n'),
      ),
      items: [
        { n: 1, name: 'a' },
        { n: 2, name: 'b' },
      ],
    });
    expect(result.json).toEqual([[{ total: 3, names: ['a', 'b'], first: 'a', last: 2, json_n: 1 }]]);
  });

  it('per-item mode: _json, _item, _input.item, _itemIndex; returning None drops the item', async () => {
    const result = await testNode(code, {
      parameters: each(
        [
          'if _json.skip:',
          '    return None',
          'return {"double": _json.n * 2, "same": _item["json"]["n"] == _input.item.json.n, "index": _itemIndex}',
        ].join('\n'),
      ),
      items: [{ n: 1 }, { n: 2, skip: true }, { n: 3 }],
    });
    expect(result.json).toEqual([
      [
        { double: 2, same: true, index: 0 },
        { double: 6, same: true, index: 2 },
      ],
    ]);
    const whole = await testNodeError(code, { parameters: each('return _input.all()'), items: [{}] });
    expect(whole.message).toMatch(/only available in 'Run Once for All Items' mode \[line 1\]/);
  });

  it("runs Dify's main(**kwargs) -> dict contract and the standard library", async () => {
    const result = await testNode(code, {
      parameters: each(
        [
          'import json, re, math, datetime',
          'def main(text: str, count: int) -> dict:',
          '    words = re.findall(r"\\w+", text)',
          '    return {"result": json.dumps(words[:count]), "root": math.isqrt(count * count)}',
          '',
          'return main(**{"text": _json.text, "count": 2})',
        ].join('\n'),
      ),
      items: [{ text: 'hello big world' }],
    });
    expect(result.json).toEqual([[{ result: '["hello", "big"]', root: 2 }]]);
  });

  it('reports Python errors with their type and line; print() goes to the logs', async () => {
    const failed = await testNodeError(code, {
      parameters: all('x = 1\nprint("before")\nraise ValueError("bad value")'),
      items: [{}],
    });
    expect(failed).toMatchObject({
      code: 'CODE_EXECUTION_FAILED',
      message: 'bad value [line 3]',
      parameter: 'pythonCode',
      description: 'ValueError',
    });
    const syntax = await testNodeError(code, { parameters: all('x = (1,\n'), items: [{}] });
    expect(syntax.code).toBe('CODE_SYNTAX_ERROR');
    const logged = await testNode(code, { parameters: all('print("hello", 42)\nreturn []'), items: [{}] });
    expect(logged.logs.map((l) => l.message)).toContain('hello 42');
  });

  it('continue on fail: a failing item becomes { error } in per-item mode', async () => {
    const result = await testNode(code, {
      parameters: each('return {"inverse": 1 / _json.n}'),
      items: [{ n: 2 }, { n: 0 }],
      onError: 'continueRegularOutput',
    });
    expect(result.json).toEqual([[{ inverse: 0.5 }, { error: 'division by zero [line 1]' }]]);
  });

  it("reads other nodes and variables: _('Node').all() / first() / item, _vars", async () => {
    const node = (name: string, type: string, parameters: Record<string, unknown> = {}) => ({
      id: name,
      name,
      type,
      typeVersion: type === 'guixu.code' ? 2 : 1,
      position: [0, 0] as [number, number],
      parameters,
    });
    const workflow: Workflow = {
      name: 'Python lookups',
      settings: {},
      nodes: [
        node('Trigger', 'guixu.manualTrigger'),
        node('Source', 'guixu.code', { jsCode: "return [{ name: 'ada' }, { name: 'bob' }];" }),
        node('Use', 'guixu.code', {
          mode: 'runOnceForEachItem',
          language: 'python',
          pythonCode: [
            'names = [i.json.name for i in _("Source").all()]',
            'return {"paired": _("Source").item.json.name, "first": _("Source").first().json.name,',
            '        "names": names, "region": _vars.region, "ran": _("Source").isExecuted}',
          ].join('\n'),
        }),
      ],
      connections: {
        Trigger: { main: [[{ node: 'Source', type: 'main', index: 0 }]] },
        Source: { main: [[{ node: 'Use', type: 'main', index: 0 }]] },
      },
    };
    const engine = createEngine({
      registry: new NodeRegistry().register(manualTrigger).register(code),
      services: { binary: new MemoryBinaryStore(), clock: systemClock },
      vars: { region: 'eu' },
    });
    const state = engine.start(workflow, { executionId: 'py-lookups', mode: 'manual' });
    await engine.run(workflow, state, {});
    expect(state.runData.Use?.[0]?.error).toBeUndefined();
    expect(state.runData.Use?.[0]?.data?.main[0]?.map((item) => item.json)).toEqual([
      { paired: 'ada', first: 'ada', names: ['ada', 'bob'], region: 'eu', ran: true },
      { paired: 'bob', first: 'ada', names: ['ada', 'bob'], region: 'eu', ran: true },
    ]);
  });

  it('_getWorkflowStaticData: reads and changes the global and the node data, in both modes', async () => {
    const counted = (mode: string): Workflow => ({
      name: 'Python static data',
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
          name: 'Count',
          type: 'guixu.code',
          typeVersion: 2,
          position: [200, 0],
          parameters: {
            mode,
            language: 'python',
            pythonCode: [
              'data = _getWorkflowStaticData("global")',
              'data["count"] = (data.get("count") or 0) + 1',
              '_getWorkflowStaticData("node").seen = True',
              mode === 'runOnceForAllItems'
                ? 'return [{"count": data.count}]'
                : 'return {"count": data.count}',
            ].join('\n'),
          },
        },
      ],
      connections: { Trigger: { main: [[{ node: 'Count', type: 'main', index: 0 }]] } },
    });
    const engine = createEngine({
      registry: new NodeRegistry().register(manualTrigger).register(code),
      services: { binary: new MemoryBinaryStore(), clock: systemClock },
    });
    for (const mode of ['runOnceForAllItems', 'runOnceForEachItem']) {
      const workflow = counted(mode);
      const state = engine.start(workflow, {
        executionId: `py-static-${mode}`,
        mode: 'manual',
        staticData: { global: { count: 4 } },
      });
      await engine.run(workflow, state, {});
      expect(state.runData.Count?.[0]?.error).toBeUndefined();
      expect(state.runData.Count?.[0]?.data?.main[0]?.map((item) => item.json)).toEqual([{ count: 5 }]);
      expect(state.staticData).toEqual({ global: { count: 5 }, 'node:Count': { seen: true } });
    }
    const wrongType = await testNodeError(code, {
      parameters: all('return [{"x": _getWorkflowStaticData("project")}]'),
    });
    expect(wrongType.message).toMatch(/the type must be "global" or "node", got 'project' \[line 1\]/);
  });

  it('_now and _today (Luxon-like datetimes in the workflow time zone, saved as ISO text), _jmespath', async () => {
    const before = Date.now();
    const shanghai = await testNode(code, {
      parameters: all(
        [
          'return [{"now": _now, "today": _today, "zone": _now.zoneName, "offset": _now.offset,',
          '         "iso": _now.toISO(), "millis": _now.toMillis(), "midnight": [_today.hour, _today.minute],',
          '         "month_end": _now.replace(year=2024, month=1, day=31).plus({"months": 1}).toISODate(),',
          '         "week_start": _now.replace(year=2026, month=12, day=10).startOf("week").toISODate(),',
          '         "day_end": _today.endOf("day").toISOTime(), "minus": (_now - _now.minus({"hours": 2})).seconds,',
          '         "strftime": _now.strftime("%Y") == str(_now.year)}]',
        ].join('\n'),
      ),
      workflow: { settings: { timezone: 'Asia/Shanghai' } },
    });
    const after = Date.now();
    const [row] = shanghai.json[0] as Record<string, unknown>[];
    expect(row).toMatchObject({
      zone: 'Asia/Shanghai',
      offset: 480,
      midnight: [0, 0],
      month_end: '2024-02-29',
      week_start: '2026-12-07',
      day_end: '23:59:59.999+08:00',
      minus: 7200,
      strftime: true,
    });
    expect(row.now).toBe(row.iso);
    expect(String(row.iso)).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}\+08:00$/);
    expect(String(row.today)).toMatch(/T00:00:00\.000\+08:00$/);
    expect(row.millis).toBeGreaterThanOrEqual(before - 1);
    expect(row.millis).toBeLessThanOrEqual(after);
    // Luxon's fixed UTC zone prints Z, as n8n does.
    const utc = await testNode(code, {
      parameters: all('return [{"iso": _now.toISO(), "text": str(_today)}]'),
      workflow: { settings: { timezone: 'UTC' } },
    });
    const searched = await testNode(code, {
      parameters: all(
        'data = {"people": [{"name": "ada", "age": 36}, {"name": "bob", "age": 20}]}\nreturn [{"old": _jmespath(data, "people[?age > `30`].name"), "none": _jmespath(data, "missing")}]',
      ),
    });
    expect(searched.json).toEqual([[{ old: ['ada'], none: null }]]);
    expect(utc.json[0]?.[0]).toMatchObject({
      iso: expect.stringMatching(/Z$/),
      text: expect.stringMatching(/T00:00:00\.000Z$/),
    });
  });
});

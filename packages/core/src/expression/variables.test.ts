import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import type { Item } from '../items.ts';
import type { NodeRunRecord, RunData } from '../run-data.ts';
import { ExpressionError } from './index.ts';
import { testEnv, testWorkflowNode } from './test-env.ts';

function run(items: Item[], source: NodeRunRecord['source'] = []): NodeRunRecord {
  return { startTime: 0, executionTime: 1, executionStatus: 'success', source, data: { main: [items] } };
}

// Trigger → Fetch (1 item → 3 items) → Filter (drops the middle one) → Current
const trigger: Item[] = [{ json: { started: true } }];
const fetched: Item[] = [
  { json: { id: 1, name: 'a' }, pairedItem: { item: 0 } },
  { json: { id: 2, name: 'b' }, pairedItem: 0 },
  { json: { id: 3, name: 'c' }, pairedItem: [{ item: 0, input: 0 }] },
];
const filtered: Item[] = [
  { json: { id: 1 }, pairedItem: { item: 0 } },
  { json: { id: 3 }, pairedItem: { item: 2 } },
];
const current: Item[] = [{ json: { x: 'first' } }, { json: { x: 'second' } }];
const runData: RunData = {
  Trigger: [run(trigger)],
  Fetch: [run(fetched, [{ previousNode: 'Trigger' }])],
  Filter: [run(filtered, [{ previousNode: 'Fetch', previousNodeOutput: 0, previousNodeRun: 0 }])],
};
const nodes = ['Trigger', 'Fetch', 'Filter', 'Unrun', 'Skipped'].map((name) =>
  testWorkflowNode(name, { url: `https://${name}` }),
);
const node = testWorkflowNode('Current', { value: '={{ $json.x }}' });
const env = testEnv({
  node,
  nodes: [...nodes, node],
  connections: {
    Trigger: { main: [[{ node: 'Fetch', type: 'main', index: 0 }]] },
    Fetch: { main: [[{ node: 'Filter', type: 'main', index: 0 }]] },
    Filter: { main: [[{ node: 'Current', type: 'main', index: 0 }]] },
    Skipped: { main: [[{ node: 'Current', type: 'main', index: 0 }]] },
  },
  runData,
  inputs: [current.map((item, i) => ({ ...item, pairedItem: { item: i } }))],
  source: [{ previousNode: 'Filter', previousNodeOutput: 0, previousNodeRun: 0 }],
  vars: { region: 'eu' },
  env: { API_BASE: 'http://127.0.0.1' },
  now: () => Date.UTC(2026, 10, 22, 15, 30),
  timezone: 'Europe/Berlin',
  runIndex: 2,
});
const at = (code: string, item = 0) => env.evaluate(`={{ ${code} }}`, item, 'value');

describe('variables', () => {
  it('$json, $binary, $itemIndex, $runIndex, $parameter', () => {
    expect(at('$json.x', 1)).toBe('second');
    expect(at('$binary')).toEqual({});
    expect(at('$itemIndex', 1)).toBe(1);
    expect(at('$runIndex')).toBe(2);
    expect(at('$parameter.value')).toBe('={{ $json.x }}');
  });

  it('$input', () => {
    expect(at('$input.item.json.x', 1)).toBe('second');
    expect(at('$input.all().length')).toBe(2);
    expect(at('$input.first().json.x')).toBe('first');
    expect(at('$input.last().json.x')).toBe('second');
    expect(at('$input.params.value')).toBe('={{ $json.x }}');
  });

  it("$('Node') accessors", () => {
    expect(at("$('Fetch').all().map(i => i.json.name)")).toEqual(['a', 'b', 'c']);
    expect(at("$('Fetch').first().json.id")).toBe(1);
    expect(at("$('Fetch').last().json.id")).toBe(3);
    expect(at("$('Fetch').params.url")).toBe('https://Fetch');
    expect(at("$('Fetch').isExecuted")).toBe(true);
    expect(at("$('Unrun').isExecuted")).toBe(false);
    expect(at("$('Fetch').all(0, 0).length")).toBe(3);
  });

  it("$('Node').item follows pairedItem links across several nodes", () => {
    expect(at("$('Filter').item.json.id", 0)).toBe(1);
    expect(at("$('Filter').item.json.id", 1)).toBe(3);
    expect(at("$('Fetch').item.json.name", 0)).toBe('a');
    expect(at("$('Fetch').item.json.name", 1)).toBe('c');
    expect(at("$('Trigger').item.json.started", 1)).toBe(true);
    expect(at("$('Fetch').itemMatching(1).json.name")).toBe('c');
  });

  it('explains unresolvable paired items', () => {
    const broken = testEnv({
      nodes: [...nodes],
      runData: {
        ...runData,
        Filter: [run([{ json: { id: 9 }, pairedItem: { item: 7 } }], [{ previousNode: 'Fetch' }])],
      },
      inputs: [[{ json: {}, pairedItem: 0 }]],
      source: [{ previousNode: 'Filter' }],
    });
    try {
      broken.evaluate("={{ $('Fetch').item.json }}", 0, 'p');
      throw new Error('expected a failure');
    } catch (error) {
      expect(error).toBeInstanceOf(ExpressionError);
      if (error instanceof ExpressionError) {
        expect(error.message).toContain('Paired item data for item from node "Fetch" is unavailable');
        expect(error.description).toContain('.first()');
        expect(error.node).toBe('Current');
      }
    }
  });

  it('reports unknown and unexecuted nodes', () => {
    expect(() => at("$('Nope').all()")).toThrow('Referenced node "Nope" does not exist');
    expect(() => at("$('Unrun').first()")).toThrow(
      `Node "Unrun" is not connected before "Current", so it has no data here (it hasn't been executed)`,
    );
    expect(() => at("$('Unrun').item")).toThrow('Node "Unrun" is not connected before "Current"');
    expect(() => at("$('Skipped').first()")).toThrow(
      `Node "Skipped" did not run in this execution, so it has no data (it hasn't been executed)`,
    );
    expect(() => at("$('Skipped').item")).toThrow('Node "Skipped" did not run in this execution');
  });

  it('legacy $node and $items', () => {
    expect(at('$node["Fetch"].json.name', 1)).toBe('b');
    expect(at('$node.Fetch.parameter.url')).toBe('https://Fetch');
    expect(at('$node["Fetch"].runIndex')).toBe(0);
    expect(at('$items("Fetch").length')).toBe(3);
    expect(at('$items().length')).toBe(2);
    expect(at('$items("Fetch", 0, 0)[2].json.id')).toBe(3);
    expect(() => at('$node["Trigger"].json', 1)).toThrow('returned 1 item(s)');
  });

  it('$prevNode, $workflow, $execution, $vars, $env', () => {
    expect(at('$prevNode')).toEqual({ name: 'Filter', outputIndex: 0, runIndex: 0 });
    expect(at('$workflow')).toEqual({ id: 'wf-1', name: 'Test workflow', active: false });
    expect(at('$execution.id')).toBe('exec-1');
    expect(at('$execution.mode')).toBe('test');
    expect(at('$execution.resumeUrl')).toBe('http://127.0.0.1/resume/1');
    expect(at('(() => { $execution.customData.set("k", 1); return $execution.customData.get("k") })()')).toBe(
      '1',
    );
    expect(at('$vars.region')).toBe('eu');
    expect(at('$env.API_BASE')).toBe('http://127.0.0.1');
  });

  it('$now and $today use the clock and the workflow timezone', () => {
    const now = at('$now');
    expect(DateTime.isDateTime(now)).toBe(true);
    expect(at('$now.toISO()')).toBe('2026-11-22T16:30:00.000+01:00');
    expect(at('$today.toISO()')).toBe('2026-11-22T00:00:00.000+01:00');
    expect(at('$now.zoneName')).toBe('Europe/Berlin');
  });

  it('helpers: $jmespath, $if, $ifEmpty, $max, $min and Luxon classes', () => {
    expect(at('$jmespath({ a: [{ b: 1 }, { b: 2 }] }, "a[*].b")')).toEqual([1, 2]);
    expect(at('$if($json.x === "first", "yes", "no")')).toBe('yes');
    expect(at('$ifEmpty("", "fallback")')).toBe('fallback');
    expect(at('$ifEmpty([], "fallback")')).toBe('fallback');
    expect(at('$ifEmpty("v", "fallback")')).toBe('v');
    expect(at('$max(1, 5, 3) + $min(4, 2)')).toBe(7);
    expect(at('Duration.fromObject({ hours: 2 }).as("minutes")')).toBe(120);
    expect(
      at(
        'Interval.fromDateTimes(DateTime.fromISO("2026-01-01"), DateTime.fromISO("2026-01-03")).length("days")',
      ),
    ).toBe(2);
  });

  it("node context: $node['Loop'].context and $('Loop').context", () => {
    const withContext = testEnv({
      nodes: [...nodes],
      runData,
      nodeContext: (name) => (name === 'Fetch' ? { noItemsLeft: true } : undefined),
    });
    expect(withContext.evaluate('={{ $node["Fetch"].context["noItemsLeft"] }}', 0)).toBe(true);
    expect(withContext.evaluate("={{ $('Fetch').context.noItemsLeft }}", 0)).toBe(true);
    expect(withContext.evaluate("={{ $('Trigger').context.noItemsLeft }}", 0)).toBeUndefined();
  });

  it('extra variables for one call', () => {
    expect(env.evaluate('={{ $response.body.next }}', 0, 'p', { $response: { body: { next: 'n2' } } })).toBe(
      'n2',
    );
    expect(() => env.evaluate('={{ $response }}', 0, 'p')).toThrow('$response is not defined');
  });

  it('variables(itemIndex) for Code-like nodes', () => {
    const vars = env.variables(1);
    expect(vars.$json).toEqual({ x: 'second' });
    expect(vars.$itemIndex).toBe(1);
    const input = vars.$input;
    expect(input !== null && typeof input === 'object' && Reflect.get(input, 'item')).toEqual(
      expect.objectContaining({ json: { x: 'second' } }),
    );
    expect(Object.keys(vars)).toEqual(
      expect.arrayContaining(['$json', '$input', '$', '$node', '$now', 'DateTime']),
    );
  });
});

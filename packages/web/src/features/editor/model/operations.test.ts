import { describe, expect, it } from 'vitest';
import type { WorkflowDoc } from './document.ts';
import {
  addNode,
  connect,
  disconnect,
  listConnections,
  parentsOf,
  removeNodes,
  renameInExpression,
  renameNode,
  uniqueName,
} from './operations.ts';

function doc(): WorkflowDoc {
  return { name: 'w', nodes: [], connections: {}, settings: {}, pinData: {} };
}
const node = (name: string) => ({
  name,
  type: 'guixu.noOp',
  typeVersion: 1,
  position: [0, 0] as [number, number],
  parameters: {},
});
const main = (n: string, index = 0) => ({ node: n, type: 'main', index });

describe('workflow document operations', () => {
  it('keeps node names unique the way n8n does', () => {
    const d = doc();
    addNode(d, node('Edit Fields'));
    addNode(d, node('Edit Fields'));
    addNode(d, node('Edit Fields'));
    expect(d.nodes.map((n) => n.name)).toEqual(['Edit Fields', 'Edit Fields1', 'Edit Fields2']);
    expect(uniqueName(d, 'If')).toBe('If');
    expect(new Set(d.nodes.map((n) => n.id)).size).toBe(3);
  });

  it('connects once per pair, refuses self-loops and mismatched types, and disconnects', () => {
    const d = doc();
    addNode(d, node('A'));
    addNode(d, node('B'));
    expect(connect(d, main('A'), main('B'))).toBe(true);
    expect(connect(d, main('A'), main('B'))).toBe(false);
    expect(connect(d, main('A'), main('A'))).toBe(false);
    expect(connect(d, main('A'), { node: 'B', type: 'ai_tool', index: 0 })).toBe(false);
    expect(connect(d, main('A', 1), main('B'))).toBe(true);
    expect(d.connections.A?.main).toEqual([[main('B')], [main('B')]]);
    disconnect(d, main('A'), main('B'));
    disconnect(d, main('A', 1), main('B'));
    expect(d.connections).toEqual({});
  });

  it('removes nodes with their connections and pinned data', () => {
    const d = doc();
    for (const n of ['A', 'B', 'C']) addNode(d, node(n));
    connect(d, main('A'), main('B'));
    connect(d, main('B'), main('C'));
    d.pinData.B = [{ json: { x: 1 } }];
    removeNodes(d, ['B']);
    expect(d.nodes.map((n) => n.name)).toEqual(['A', 'C']);
    expect(listConnections(d)).toEqual([]);
    expect(d.pinData).toEqual({});
  });

  it('renames a node in connections, pinned data and the expressions that name it', () => {
    const d = doc();
    addNode(d, node('Fetch'));
    addNode(d, {
      ...node('Use'),
      parameters: {
        a: "={{ $('Fetch').item.json.x }}",
        b: { c: ['=x {{ $node["Fetch"].json.y }}'] },
        d: 'Fetch',
      },
    });
    connect(d, main('Fetch'), main('Use'));
    d.pinData.Fetch = [{ json: {} }];
    expect(renameNode(d, 'Fetch', 'Get "it"')).toBe('Get "it"');
    expect(d.nodes[1]?.parameters).toEqual({
      a: '={{ $(\'Get "it"\').item.json.x }}',
      b: { c: ['=x {{ $node["Get \\"it\\""].json.y }}'] },
      d: 'Fetch',
    });
    expect(parentsOf(d, 'Use')).toEqual(['Get "it"']);
    expect(Object.keys(d.pinData)).toEqual(['Get "it"']);
    expect(renameInExpression('={{ $node.Fetch.json }}', 'Fetch', 'Load')).toBe('={{ $node.Load.json }}');
    expect(renameInExpression('={{ $node.Fetcher.json }}', 'Fetch', 'Load')).toBe(
      '={{ $node.Fetcher.json }}',
    );
  });
});

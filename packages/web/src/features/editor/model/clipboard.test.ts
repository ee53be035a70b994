import { describe, expect, it } from 'vitest';
import { copyNodes, foreignClipboard, pasteNodes } from './clipboard.ts';
import type { WorkflowDoc } from './document.ts';
import { History } from './history.ts';
import { addNode, connect, listConnections } from './operations.ts';

function doc(): WorkflowDoc {
  const d: WorkflowDoc = { name: 'w', nodes: [], connections: {}, settings: {}, pinData: {} };
  for (const name of ['Start', 'Fetch', 'Use']) {
    addNode(d, {
      name,
      type: 'guixu.noOp',
      typeVersion: 1,
      position: [0, 0],
      parameters: { ref: "={{ $('Fetch').item.json.x }}" },
    });
  }
  connect(d, { node: 'Start', type: 'main', index: 0 }, { node: 'Fetch', type: 'main', index: 0 });
  connect(d, { node: 'Fetch', type: 'main', index: 0 }, { node: 'Use', type: 'main', index: 0 });
  return d;
}

describe('copy and paste', () => {
  it('copies the chosen nodes with the connections among them only', () => {
    const text = copyNodes(doc(), ['Fetch', 'Use']);
    const parsed = JSON.parse(text ?? '{}');
    expect(parsed.nodes.map((n: { name: string }) => n.name)).toEqual(['Fetch', 'Use']);
    expect(parsed.connections).toEqual({ Fetch: { main: [[{ node: 'Use', type: 'main', index: 0 }]] } });
    expect(copyNodes(doc(), [])).toBeNull();
  });

  it('pastes with unique names, new ids, moved positions, and expressions following the renames', () => {
    const d = doc();
    const names = pasteNodes(d, copyNodes(d, ['Fetch', 'Use']) ?? '', { x: 40, y: 60 });
    expect(names).toEqual(['Fetch1', 'Use1']);
    const pasted = d.nodes.find((n) => n.name === 'Use1');
    expect(pasted?.parameters.ref).toBe("={{ $('Fetch1').item.json.x }}");
    expect(pasted?.position).toEqual([40, 60]);
    expect(new Set(d.nodes.map((n) => n.id)).size).toBe(5);
    expect(listConnections(d).map((c) => `${c.from.node}->${c.to.node}`)).toEqual([
      'Start->Fetch',
      'Fetch->Use',
      'Fetch1->Use1',
    ]);
    // Expressions naming nodes outside the paste keep their names.
    expect(d.nodes.find((n) => n.name === 'Start')?.parameters.ref).toBe("={{ $('Fetch').item.json.x }}");
  });

  it('refuses text that is not workflow JSON', () => {
    const d = doc();
    expect(pasteNodes(d, 'hello', { x: 0, y: 0 })).toBeNull();
    expect(pasteNodes(d, '{"nodes":[]}', { x: 0, y: 0 })).toBeNull();
    expect(pasteNodes(d, '{"nodes":[{"name":"x"}]}', { x: 0, y: 0 })).toBeNull();
    expect(d.nodes).toHaveLength(3);
  });
});

describe('undo and redo', () => {
  it('steps back and forth, coalescing quick changes and dropping the redo branch on a new change', () => {
    const h = new History('a', 100, 500);
    h.record('b', 1000);
    h.record('bc', 1100);
    h.record('d', 2000);
    expect(h.undo()).toBe('bc');
    expect(h.undo()).toBe('a');
    expect(h.undo()).toBeUndefined();
    expect(h.redo()).toBe('bc');
    h.record('e', 5000);
    expect(h.canRedo).toBe(false);
    expect(h.undo()).toBe('bc');
  });

  it('keeps a separate change (a paste, a layout) as a step of its own however quick', () => {
    const h = new History('a', 100, 500);
    h.record('pasted', 1000, true);
    h.record('laid out', 1010, true);
    h.record('laid out, typed', 1020);
    h.record('laid out, typed more', 1030);
    expect(h.undo()).toBe('laid out');
    expect(h.undo()).toBe('pasted');
    expect(h.undo()).toBe('a');
  });
});

describe("pasting from n8n's editor", () => {
  it("recognises n8n's clipboard (n8n node types) and nothing else", () => {
    const n8n = {
      nodes: [
        {
          name: 'Edit Fields',
          type: 'n8n-nodes-base.set',
          typeVersion: 3.4,
          position: [0, 0],
          parameters: {},
        },
      ],
      connections: {},
    };
    expect(foreignClipboard(JSON.stringify(n8n))).toBe('n8n');
    expect(
      foreignClipboard(
        JSON.stringify({ nodes: [{ ...n8n.nodes[0], type: '@n8n/n8n-nodes-langchain.agent' }] }),
      ),
    ).toBe('n8n');
    expect(foreignClipboard(copyNodes(doc(), ['Fetch']) ?? '')).toBeNull();
    expect(foreignClipboard('hello')).toBeNull();
    expect(foreignClipboard('{ not json')).toBeNull();
  });
});

describe('where pasted nodes land', () => {
  const text = JSON.stringify({
    nodes: [
      { id: 'far', name: 'Far', type: 'guixu.noOp', typeVersion: 1, position: [5000, 5000], parameters: {} },
    ],
    connections: {},
  });
  it('next to where they were copied from when that is in view, else in the middle of the view', () => {
    const d = doc();
    pasteNodes(d, text, { x: 40, y: 40 }, { x: 4900, y: 4900, width: 1000, height: 600 });
    expect(d.nodes.at(-1)?.position).toEqual([5040, 5040]);
    pasteNodes(d, text, { x: 40, y: 40 }, { x: 0, y: 0, width: 1000, height: 600 });
    expect(d.nodes.at(-1)?.position).toEqual([400, 280]);
  });
});

import { describe, expect, it } from 'vitest';
import {
  danglingConnections,
  graphOf,
  iterateConnections,
  unreachableNodes,
  WorkflowGraph,
} from './graph.ts';
import type { Workflow } from './schema.ts';

const node = (name: string, type = 'test.node') => ({
  id: name,
  name,
  type,
  typeVersion: 1,
  position: [0, 0] as [number, number],
  parameters: {},
});

function workflow(): Workflow {
  return {
    name: 'g',
    nodes: ['Trigger', 'A', 'B', 'C', 'Merge', 'Loop', 'Model', 'Agent', 'Orphan'].map((n) => node(n)),
    connections: {
      Trigger: { main: [[{ node: 'A', type: 'main', index: 0 }]] },
      A: { main: [[{ node: 'B', type: 'main', index: 0 }], null, [{ node: 'C', type: 'main', index: 0 }]] },
      B: { main: [[{ node: 'Merge', type: 'main', index: 0 }]] },
      C: { main: [[{ node: 'Merge', type: 'main', index: 1 }]] },
      Merge: { main: [[{ node: 'Loop', type: 'main', index: 0 }]] },
      Loop: { main: [[], [{ node: 'A', type: 'main', index: 0 }]] },
      Model: { ai_languageModel: [[{ node: 'Agent', type: 'ai_languageModel', index: 0 }]] },
      Ghost: { main: [[{ node: 'A', type: 'main', index: 0 }]] },
      Agent: { main: [[{ node: 'Nowhere', type: 'main', index: 0 }]] },
    },
    settings: {},
  };
}

describe('workflow graph', () => {
  it('iterates connections, skipping null slots', () => {
    const edges = [...iterateConnections(workflow())];
    expect(edges.find((e) => e.from === 'A' && e.to === 'C')).toEqual({
      from: 'A',
      type: 'main',
      outputIndex: 2,
      to: 'C',
      toType: 'main',
      inputIndex: 0,
    });
    expect(edges).toHaveLength(10);
  });

  it('knows parents, children, ancestors and descendants, loops included', () => {
    const g = new WorkflowGraph(workflow());
    expect(g.parents('A').sort()).toEqual(['Loop', 'Trigger']);
    expect(g.children('A').sort()).toEqual(['B', 'C']);
    expect(g.parents('Agent', 'ai_languageModel')).toEqual(['Model']);
    expect(g.parents('Agent')).toEqual([]);
    expect([...g.ancestors('Merge')].sort()).toEqual(['A', 'B', 'C', 'Loop', 'Merge', 'Trigger']);
    expect([...g.descendants('B')].sort()).toEqual(['A', 'B', 'C', 'Loop', 'Merge']);
    expect(g.descendants('Trigger').has('Trigger')).toBe(false);
    expect([...g.subgraphTo('B')].sort()).toEqual(['A', 'B', 'C', 'Loop', 'Merge', 'Trigger']);
    expect(g.connectedInputs('Merge')).toEqual([0, 1]);
    expect(g.startNodes().map((n) => n.name)).toEqual(['Trigger', 'Model', 'Agent', 'Orphan']);
  });

  it('caches one graph per workflow object', () => {
    const wf = workflow();
    expect(graphOf(wf)).toBe(graphOf(wf));
  });

  it('finds unreachable nodes, counting sub-nodes of reachable nodes as reachable', () => {
    const wf = workflow();
    wf.connections.Trigger.main[0]?.push({ node: 'Agent', type: 'main', index: 0 });
    const names = unreachableNodes(wf, { isTrigger: (n) => n.name === 'Trigger' }).map((n) => n.name);
    expect(names).toEqual(['Orphan']);
    expect(
      unreachableNodes(wf, { isTrigger: (n) => n.name === 'Trigger', ignore: (n) => n.name === 'Orphan' }),
    ).toEqual([]);
  });

  it('lists dangling connections with what is missing', () => {
    const dangling = danglingConnections(workflow());
    expect(dangling.map((d) => [d.from, d.to, d.missing])).toEqual([
      ['Ghost', 'A', 'source'],
      ['Agent', 'Nowhere', 'target'],
    ]);
  });
});

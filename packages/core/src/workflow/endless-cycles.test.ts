import { describe, expect, it } from 'vitest';
import { endlessCycles } from './endless-cycles.ts';
import { waitsForForm } from './never-resumed.ts';
import type { Workflow } from './schema.ts';

function workflow(nodes: [string, string][], links: [string, string][]): Workflow {
  const connections: Workflow['connections'] = {};
  for (const [from, to] of links) {
    connections[from] ??= { main: [[]] };
    connections[from].main?.[0]?.push({ node: to, type: 'main', index: 0 });
  }
  return {
    name: 'w',
    nodes: nodes.map(([name, type]) => ({
      id: name,
      name,
      type,
      typeVersion: 1,
      position: [0, 0],
      parameters: {},
    })),
    connections,
  } as Workflow;
}

describe('endless cycles', () => {
  it('reports a loop of nodes that pass every item on, and a node wired to itself', () => {
    const loop = workflow(
      [
        ['Start', 'guixu.manualTrigger'],
        ['Fetch', 'guixu.httpRequest'],
        ['Tag', 'guixu.set'],
        ['Echo', 'guixu.noOp'],
      ],
      [
        ['Start', 'Fetch'],
        ['Fetch', 'Tag'],
        ['Tag', 'Fetch'],
        ['Echo', 'Echo'],
      ],
    );
    expect(endlessCycles(loop)).toEqual([['Fetch', 'Tag'], ['Echo']]);
  });

  it('leaves loops alone when a node in them can branch, drop items or finish', () => {
    for (const type of ['guixu.if', 'guixu.filter', 'guixu.loopOverItems', 'guixu.code', 'guixu.switch']) {
      const loop = workflow(
        [
          ['Start', 'guixu.manualTrigger'],
          ['Tag', 'guixu.set'],
          ['Decide', type],
        ],
        [
          ['Start', 'Tag'],
          ['Tag', 'Decide'],
          ['Decide', 'Tag'],
        ],
      );
      expect(endlessCycles(loop)).toEqual([]);
    }
    expect(
      endlessCycles(
        workflow(
          [
            ['A', 'guixu.set'],
            ['B', 'guixu.set'],
          ],
          [['A', 'B']],
        ),
      ),
    ).toEqual([]);
  });
});

describe('Wait on form submitted', () => {
  it('is reported: nothing serves the form', () => {
    const flow = workflow(
      [
        ['Start', 'guixu.manualTrigger'],
        ['Form', 'guixu.wait'],
        ['Hook', 'guixu.wait'],
      ],
      [['Start', 'Form']],
    );
    flow.nodes[1].parameters = { resume: 'form' };
    flow.nodes[2].parameters = { resume: 'webhook' };
    expect(waitsForForm(flow)).toEqual(['Form']);
  });
});

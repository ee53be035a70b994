import * as dagre from '@dagrejs/dagre';
import { describe, expect, it } from 'vitest';
import type { WorkflowDoc } from './document.ts';
import { layoutPositions } from './layout.ts';
import { addNode, connect } from './operations.ts';

function doc(): WorkflowDoc {
  const d: WorkflowDoc = { name: 'w', nodes: [], connections: {}, settings: {}, pinData: {} };
  const at: Record<string, [number, number]> = {
    Start: [100, 100],
    If: [0, 900],
    Yes: [700, 0],
    No: [40, 40],
  };
  for (const name of ['Start', 'If', 'Yes', 'No']) {
    addNode(d, { name, type: 'guixu.noOp', typeVersion: 1, position: at[name] ?? [0, 0], parameters: {} });
  }
  addNode(d, {
    name: 'Note',
    type: 'guixu.stickyNote',
    typeVersion: 1,
    position: [999, 999],
    parameters: {},
  });
  connect(d, { node: 'Start', type: 'main', index: 0 }, { node: 'If', type: 'main', index: 0 });
  connect(d, { node: 'If', type: 'main', index: 0 }, { node: 'Yes', type: 'main', index: 0 });
  connect(d, { node: 'If', type: 'main', index: 1 }, { node: 'No', type: 'main', index: 0 });
  return d;
}

describe('auto-layout', () => {
  it('places nodes left to right along the connections, on the grid, from the top-left corner; notes stay', () => {
    const positions = layoutPositions(dagre, doc());
    const x = (name: string) => positions.get(name)?.[0] ?? Number.NaN;
    const y = (name: string) => positions.get(name)?.[1] ?? Number.NaN;
    expect(x('Start')).toBeLessThan(x('If'));
    expect(x('If')).toBeLessThan(x('Yes'));
    expect(x('Yes')).toBe(x('No'));
    expect(y('Yes')).not.toBe(y('No'));
    expect(positions.has('Note')).toBe(false);
    for (const [px, py] of positions.values()) {
      expect(px % 20).toBe(0);
      expect(py % 20).toBe(0);
    }
    expect(Math.min(...[...positions.values()].map((p) => p[0]))).toBe(0);
    expect(Math.min(...[...positions.values()].map((p) => p[1]))).toBe(0);
  });

  it('lays out nothing for an empty workflow', () => {
    const empty: WorkflowDoc = { name: 'w', nodes: [], connections: {}, settings: {}, pinData: {} };
    expect(layoutPositions(dagre, empty).size).toBe(0);
  });
});

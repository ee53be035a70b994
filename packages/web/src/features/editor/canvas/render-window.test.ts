import { describe, expect, it } from 'vitest';
import type { WorkflowDoc } from '../model/document.ts';
import { addNode, connect } from '../model/operations.ts';
import { docBounds, nodesToRender, renderWindow, windowHolds } from './render-window.ts';

const screen = { width: 1000, height: 500 };

describe('render window of a big canvas', () => {
  it('is the screen in flow coordinates grown by a margin of screens', () => {
    expect(renderWindow({ x: -200, y: -100, zoom: 0.5 }, screen, 0)).toEqual({
      x: 400,
      y: 200,
      width: 2000,
      height: 1000,
    });
    expect(renderWindow({ x: 0, y: 0, zoom: 1 }, screen, 1)).toEqual({
      x: -1000,
      y: -500,
      width: 3000,
      height: 1500,
    });
  });

  it('holds while the screen stays within half its margin, and not after zooming out or far in', () => {
    const window = renderWindow({ x: 0, y: 0, zoom: 1 }, screen);
    expect(windowHolds(window, { x: -400, y: 0, zoom: 1 }, screen)).toBe(true);
    expect(windowHolds(window, { x: -600, y: 0, zoom: 1 }, screen)).toBe(false);
    expect(windowHolds(window, { x: 0, y: 0, zoom: 0.5 }, screen)).toBe(false);
    expect(windowHolds(window, { x: 0, y: 0, zoom: 3 }, screen)).toBe(false);
  });

  it('renders the nodes in the window, the kept ones, and the direct neighbours of those inside', () => {
    const doc: WorkflowDoc = { name: 'w', nodes: [], connections: {}, settings: {}, pinData: {} };
    const at: Record<string, [number, number]> = {
      A: [0, 0],
      B: [300, 0],
      C: [5000, 0],
      D: [9000, 0],
      E: [9000, 9000],
    };
    for (const name of Object.keys(at)) {
      addNode(doc, {
        name,
        type: 'guixu.noOp',
        typeVersion: 1,
        position: at[name] ?? [0, 0],
        parameters: {},
      });
    }
    connect(doc, { node: 'B', type: 'main', index: 0 }, { node: 'C', type: 'main', index: 0 });
    connect(doc, { node: 'C', type: 'main', index: 0 }, { node: 'D', type: 'main', index: 0 });
    const shown = nodesToRender(doc, { x: -100, y: -100, width: 1000, height: 500 }, new Set(['E']));
    expect([...shown].sort()).toEqual(['A', 'B', 'C', 'E']);
    expect(docBounds(doc)).toEqual({ x: 0, y: 0, width: 9200, height: 9060 });
  });
});

import type { WorkflowDocument } from '@guixu/api';
import { describe, expect, it } from 'vitest';
import { changedPaths, diffWorkflows } from './diff.ts';

const doc = (
  nodes: WorkflowDocument['nodes'],
  connections: WorkflowDocument['connections'] = {},
): WorkflowDocument => ({
  name: 'W',
  nodes,
  connections,
  settings: {},
});

describe('diffWorkflows', () => {
  it('matches renamed nodes by id and reports parameter paths inside arrays', () => {
    const before = doc(
      [
        {
          id: 'a',
          name: 'HTTP',
          type: 'guixu.httpRequest',
          typeVersion: 1,
          position: [0, 0],
          parameters: { url: 'http://x', headers: [{ name: 'a', value: '1' }], 'odd key': 1 },
        },
        { id: 'b', name: 'Gone', type: 'guixu.noOp', typeVersion: 1, position: [0, 0], parameters: {} },
      ],
      { HTTP: { main: [[{ node: 'Gone', type: 'main', index: 0 }]] } },
    );
    const after = doc([
      {
        id: 'a',
        name: 'Fetch',
        type: 'guixu.httpRequest',
        typeVersion: 2,
        position: [10, 0],
        parameters: { url: 'http://x', headers: [{ name: 'a', value: '2' }], 'odd key': 2, timeout: 5 },
        disabled: true,
      },
    ]);
    const diff = diffWorkflows({ version: 1, document: before }, { version: 2, document: after });
    expect(diff.nodes.removed).toEqual([{ name: 'Gone', id: 'b', type: 'guixu.noOp' }]);
    expect(diff.nodes.added).toEqual([]);
    expect(diff.nodes.changed).toEqual([
      {
        name: 'Fetch',
        id: 'a',
        changes: [
          'disabled',
          'name',
          'position',
          'typeVersion',
          'parameters.headers[0].value',
          'parameters["odd key"]',
          'parameters.timeout',
        ],
      },
    ]);
    expect(diff.connections).toEqual([
      { change: 'removed', from: 'HTTP', type: 'main', outputIndex: 0, to: 'Gone', inputIndex: 0 },
    ]);
  });

  it('treats arrays of different length as one change', () => {
    expect(changedPaths({ list: [1, 2] }, { list: [1, 2, 3] }, 'p')).toEqual(['p.list']);
    expect(changedPaths({ a: { b: 1 } }, { a: { b: 1 } }, 'p')).toEqual([]);
  });
});

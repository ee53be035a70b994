import { portsOf, testNode, testNodeError } from '@guixu/core';
import { describe, expect, it } from 'vitest';
import stickyNote from './sticky-note.node.ts';

describe('Sticky Note', () => {
  it('has no ports and produces nothing', async () => {
    const parameters = { content: '## Read me', width: 300, height: 200, color: 4 };
    expect(portsOf(stickyNote, 'inputs', parameters)).toEqual([]);
    expect(portsOf(stickyNote, 'outputs', parameters)).toEqual([]);
    const result = await testNode(stickyNote, { parameters });
    expect(result.outputs).toEqual([]);
  });

  it('rejects a non-numeric size', async () => {
    const error = await testNodeError(stickyNote, { parameters: { width: 'wide' } });
    expect(error.code).toBe('PARAMETER_INVALID');
    expect(error.message).toContain('width');
  });
});

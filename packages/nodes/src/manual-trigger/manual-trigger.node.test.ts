import { testNode } from '@guixu/core';
import { describe, expect, it } from 'vitest';
import manualTrigger from './manual-trigger.node.ts';

describe('Manual Trigger', () => {
  it('outputs the items the run was started with', async () => {
    const result = await testNode(manualTrigger, { items: [{ a: 1 }, { a: 2 }] });
    expect(result.json).toEqual([[{ a: 1 }, { a: 2 }]]);
  });

  it('outputs one empty item when started without data', async () => {
    const result = await testNode(manualTrigger, { items: [] });
    expect(result.json).toEqual([[{}]]);
  });

  it('is a trigger without inputs', () => {
    expect(manualTrigger.group).toBe('trigger');
    expect(manualTrigger.inputs).toEqual([]);
    expect(manualTrigger.trigger).toEqual({ kind: 'manual' });
  });
});

import { testNode } from '@guixu/core';
import { describe, expect, it } from 'vitest';
import errorTrigger, { SAMPLE_ERROR } from './error-trigger.node.ts';

describe('Error Trigger', () => {
  it('outputs the failed execution the server hands it', async () => {
    const failure = {
      execution: { id: '9', error: { message: 'boom' }, lastNodeExecuted: 'HTTP', mode: 'trigger' },
      workflow: { id: 'w1', name: 'Orders' },
    };
    const result = await testNode(errorTrigger, { items: [failure] });
    expect(result.json).toEqual([[failure]]);
  });

  it('outputs an example item in a manual run without data', async () => {
    const result = await testNode(errorTrigger, { items: [] });
    expect(result.json).toEqual([[SAMPLE_ERROR]]);
  });
});

import { testNode, testNodeError } from '@guixu/core';
import { describe, expect, it } from 'vitest';
import trigger from './execute-workflow-trigger.node.ts';

describe('Execute Workflow Trigger', () => {
  it('passes items through in passthrough mode and when no fields are defined (n8n v1)', async () => {
    const items = [{ a: 1, b: 2 }];
    expect((await testNode(trigger, { parameters: { inputSource: 'passthrough' }, items })).json).toEqual([
      items,
    ]);
    expect((await testNode(trigger, { parameters: {}, items })).json).toEqual([items]);
  });

  it('keeps only the defined fields and fills missing ones with null', async () => {
    const result = await testNode(trigger, {
      parameters: { workflowInputs: { values: [{ name: 'facts' }, { name: 'text', type: 'string' }] } },
      items: [{ facts: [1], other: true }],
    });
    expect(result.json).toEqual([[{ facts: [1], text: null }]]);
  });

  it('takes field names from a JSON example', async () => {
    const result = await testNode(trigger, {
      parameters: { inputSource: 'jsonExample', jsonExample: '{"id": 1, "name": "x"}' },
      items: [{ id: 7, name: 'n', extra: 1 }],
    });
    expect(result.json).toEqual([[{ id: 7, name: 'n' }]]);
  });

  it('rejects a value of the wrong type, naming field and item', async () => {
    const error = await testNodeError(trigger, {
      parameters: { workflowInputs: { values: [{ name: 'count', type: 'number' }] } },
      items: [{ count: 1 }, { count: 'two' }],
    });
    expect(error.code).toBe('WORKFLOW_INPUT_WRONG_TYPE');
    expect(error.message).toBe('Input field "count" should be a number but is a string [item 1]');
  });
});

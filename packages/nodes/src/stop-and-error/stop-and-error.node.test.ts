import { testNode, testNodeError } from '@guixu/core';
import { describe, expect, it } from 'vitest';
import stopAndError from './stop-and-error.node.ts';

describe('Stop and Error', () => {
  it('throws the message with code STOPPED_BY_WORKFLOW, naming the node', async () => {
    const error = await testNodeError(stopAndError, {
      parameters: { errorMessage: 'Could not verify Slack Webhook signature' },
      name: 'Reject',
    });
    expect(error).toMatchObject({
      code: 'STOPPED_BY_WORKFLOW',
      message: 'Could not verify Slack Webhook signature',
      node: 'Reject',
    });
  });

  it('throws an error object with its message, description and fields', async () => {
    const error = await testNodeError(stopAndError, {
      parameters: {
        errorType: 'errorObject',
        errorObject: '{"code": 404, "message": "Order not found", "description": "Check the id", "id": 7}',
      },
    });
    expect(error.code).toBe('STOPPED_BY_WORKFLOW');
    expect(error.message).toBe('Order not found');
    expect(error.description).toBe('Check the id');
    expect(error.details).toMatchObject({ id: 7, errorCode: 404 });
  });

  it('uses the JSON as message when the object has none', async () => {
    const error = await testNodeError(stopAndError, {
      parameters: { errorType: 'errorObject', errorObject: { a: 1 } },
    });
    expect(error.message).toBe('{"a":1}');
  });

  it('passes its input through when continuing on error (n8n)', async () => {
    const result = await testNode(stopAndError, {
      parameters: { errorMessage: 'x' },
      items: [{ a: 1 }],
      onError: 'continueRegularOutput',
    });
    expect(result.json).toEqual([[{ a: 1 }]]);
  });
});

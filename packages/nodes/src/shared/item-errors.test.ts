import { GuixuError, testNode, testNodeError } from '@guixu/core';
import { describe, expect, it } from 'vitest';
import crypto from '../crypto/crypto.node.ts';
import { failedItem, itemError } from './item-errors.ts';

describe('per-item failures', () => {
  it('adds the node and item to errors', () => {
    const plain = itemError(new Error('boom'), 'My Node', 3);
    expect(plain.toPlain()).toMatchObject({
      code: 'NODE_OPERATION_FAILED',
      message: 'boom [item 3]',
      node: 'My Node',
      details: { itemIndex: 3 },
    });
    const guixu = itemError(new GuixuError('X', 'kept', { details: {} }), 'My Node', 1);
    expect(guixu.toPlain()).toMatchObject({
      code: 'X',
      message: 'kept',
      node: 'My Node',
      details: { itemIndex: 1 },
    });
  });

  it('shapes error items like n8n', () => {
    expect(failedItem(new Error('bad'), 2)).toEqual({ json: { error: 'bad' }, pairedItem: { item: 2 } });
  });

  it('stops at once when the run is canceled, even when continuing on fail', async () => {
    const controller = new AbortController();
    controller.abort(new GuixuError('EXECUTION_CANCELED', 'The execution was canceled'));
    const error = await testNodeError(crypto, {
      parameters: { action: 'generate' },
      items: [{}, {}],
      onError: 'continueRegularOutput',
      signal: controller.signal,
    });
    expect(error.code).toBe('EXECUTION_CANCELED');
  });

  it('turns each failing item into an error item paired to it', async () => {
    const result = await testNode(crypto, {
      parameters: { binaryData: true, binaryPropertyName: 'file', type: 'SHA256' },
      items: [{ json: { n: 1 }, binary: {} }, { json: { n: 2 } }],
      onError: 'continueRegularOutput',
    });
    expect(result.outputs[0].map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
    expect(result.json[0].every((json) => typeof json.error === 'string')).toBe(true);
  });
});

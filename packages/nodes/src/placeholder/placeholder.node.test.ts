import { portsOf, testNodeError } from '@guixu/core';
import { describe, expect, it } from 'vitest';
import placeholder from './placeholder.node.ts';

const parameters = {
  originalType: 'n8n-nodes-base.telegram',
  originalTypeVersion: 1.2,
  originalParameters: { chatId: '123', text: '={{ $json.text }}' },
  reason: 'GuixuFlow has no Telegram node yet',
  ports: { inputs: ['main'], outputs: ['main', 'main'] },
};

describe('Placeholder', () => {
  it('fails with a clear error naming the original node when run enabled', async () => {
    const error = await testNodeError(placeholder, { parameters, name: 'Send message', items: [{ a: 1 }] });
    expect(error.code).toBe('PLACEHOLDER_NOT_RUNNABLE');
    expect(error.node).toBe('Send message');
    expect(error.message).toContain('n8n-nodes-base.telegram v1.2');
    expect(error.message).toContain('GuixuFlow has no Telegram node yet');
  });

  it('takes its ports from the original node so connections stay valid', () => {
    expect(portsOf(placeholder, 'outputs', parameters).map((port) => port.type)).toEqual(['main', 'main']);
    const aiModel = { ...parameters, ports: { inputs: [], outputs: ['ai_languageModel'] } };
    expect(portsOf(placeholder, 'inputs', aiModel)).toEqual([]);
    expect(portsOf(placeholder, 'outputs', aiModel)).toEqual([{ type: 'ai_languageModel' }]);
  });

  it('rejects an unknown connection type in its ports', async () => {
    const error = await testNodeError(placeholder, {
      parameters: { ...parameters, ports: { inputs: ['main'], outputs: ['ai_somethingElse'] } },
    });
    expect(error.code).toBe('PARAMETER_INVALID');
  });
});

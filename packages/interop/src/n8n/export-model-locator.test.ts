import type { Workflow } from '@guixu/core';
import { builtinNodes } from '@guixu/nodes';
import { describe, expect, it } from 'vitest';
import { exportN8n } from './export-n8n.ts';
import { importN8n } from './import-n8n.ts';

const registry = await builtinNodes();

/** A chat model whose Model is stored in the resource-locator shape the editor's picker also reads. */
const workflow = (model: unknown): Workflow => ({
  name: 'Model shapes',
  nodes: [
    {
      id: 'm',
      name: 'Model',
      type: 'guixu.lmChatOpenAi',
      typeVersion: 1,
      position: [0, 0],
      parameters: { model, options: {} },
    },
  ],
  connections: {},
  settings: {},
});

describe('a model stored as text or as { mode, value }', () => {
  it('exports as n8n’s resource locator of the text, and imports back as the text', async () => {
    for (const model of [
      'qwen2.5:7b',
      { mode: 'id', value: 'qwen2.5:7b' },
      { __rl: true, mode: 'list', value: 'qwen2.5:7b' },
    ]) {
      const { workflow: n8n } = exportN8n(workflow(model), { registry });
      const [exported] = n8n.nodes as { parameters: Record<string, unknown> }[];
      expect(exported?.parameters.model).toEqual({ __rl: true, mode: 'list', value: 'qwen2.5:7b' });
      const back = importN8n(n8n, { registry });
      expect(back.workflow.nodes[0]?.parameters.model).toBe('qwen2.5:7b');
    }
  });
});

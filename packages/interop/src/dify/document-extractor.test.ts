import { randomUUID } from 'node:crypto';
import { createEngine, MemoryBinaryStore, systemClock } from '@guixu/core';
import { builtinNodes } from '@guixu/nodes';
import { describe, expect, it } from 'vitest';
import { difyApp, importApp, nodeNamed } from './dify-test-kit.ts';

const registry = await builtinNodes();

describe('Dify document extractor', () => {
  it('becomes Extract from File (document text) and a run reads the file the trigger item carries', async () => {
    const app = difyApp(
      [
        {
          id: 'doc',
          data: {
            type: 'document-extractor',
            title: 'Extract',
            variable_selector: ['start', 'report'],
            is_array_file: false,
          },
        },
        {
          id: 'end',
          data: {
            type: 'end',
            title: 'End',
            outputs: [{ variable: 'content', value_selector: ['doc', 'text'], value_type: 'string' }],
          },
        },
      ],
      [
        { source: 'start', target: 'doc' },
        { source: 'doc', target: 'end' },
      ],
    );
    const { workflow, report } = importApp(registry, app);
    const node = nodeNamed(workflow, 'Extract');
    expect(node.type).toBe('guixu.extractFromFile');
    expect(node.parameters).toMatchObject({
      operation: 'document',
      binaryPropertyName: 'report',
      destinationKey: 'text',
    });
    expect(JSON.stringify(report)).toContain('binary property \\"report\\"');
    const binary = new MemoryBinaryStore();
    const ref = await binary.put(new TextEncoder().encode('<h1>Q3</h1><p>Revenue grew.</p>'), {
      mimeType: 'text/html',
      fileName: 'q3.html',
    });
    const engine = createEngine({ registry, services: { binary, clock: systemClock } });
    const state = await engine.run(
      workflow,
      engine.start(workflow, {
        executionId: randomUUID(),
        mode: 'cli',
        triggerItems: [{ json: {}, binary: { report: ref } }],
      }),
    );
    expect(state.error).toBeUndefined();
    expect(state.runData.End?.[0]?.data?.main[0]?.[0]?.json).toEqual({
      content: expect.stringMatching(/^Q3\s+Revenue grew\.$/),
    });
  });
});

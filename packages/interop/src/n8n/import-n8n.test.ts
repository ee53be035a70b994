import { builtinNodes } from '@guixu/nodes';
import { describe, expect, it } from 'vitest';
import { exportN8n, importN8n } from '../index.ts';

const registry = await builtinNodes();

const source = {
  name: 'Mixed',
  nodes: [
    {
      id: '1',
      name: 'Start',
      type: 'n8n-nodes-base.start',
      typeVersion: 1,
      position: [0, 0],
      parameters: {},
    },
    {
      id: '2',
      name: 'Ask',
      type: '@n8n/n8n-nodes-langchain.chainSummarization',
      typeVersion: 1.7,
      position: [200, 0],
      parameters: { text: '={{ $json.q }}' },
      continueOnFail: true,
    },
    {
      id: '3',
      name: 'Model',
      type: '@n8n/n8n-nodes-langchain.lmChatAwsBedrock',
      typeVersion: 1,
      position: [200, 200],
      parameters: { model: 'gpt-4o' },
      credentials: { openAiApi: { id: '17', name: 'My OpenAI' } },
    },
    {
      id: '4',
      name: 'Batches',
      type: 'n8n-nodes-base.splitInBatches',
      typeVersion: 1,
      position: [400, 0],
      parameters: { batchSize: 2 },
      retryOnFail: true,
      maxTries: 4,
      waitBetweenTries: 2000,
      alwaysOutputData: true,
      notes: 'why',
    },
    {
      id: '5',
      name: 'Note',
      type: 'n8n-nodes-base.stickyNote',
      typeVersion: 1,
      position: [0, -200],
      parameters: { content: 'hi' },
    },
  ],
  connections: {
    Start: { main: [[{ node: 'Ask', type: 'main', index: 0 }]] },
    Model: { ai_languageModel: [[{ node: 'Ask', type: 'ai_languageModel', index: 0 }]] },
    Ask: { main: [[{ node: 'Batches', type: 'main', index: 0 }]] },
    Batches: { main: [[{ node: 'Ask', type: 'main', index: 0 }]] },
  },
  pinData: { Start: [{ json: { q: 'pinned' } }], Model: [{ plain: true }] },
  settings: {
    executionOrder: 'v0',
    timezone: 'Europe/Berlin',
    saveDataSuccessExecution: 'none',
    callerPolicy: 'workflowsFromSameOwner',
  },
  tags: [{ id: 't', name: 'demo' }],
};

describe('importN8n', () => {
  const { workflow, report } = importN8n(JSON.stringify(source), { registry, fileName: 'mixed.json' });
  const node = (name: string) => workflow.nodes.find((n) => n.name === name);

  it('maps core nodes and keeps AI nodes as disabled placeholders with their AI connections', () => {
    expect(report.validation.errors).toEqual([]);
    expect(node('Start')?.type).toBe('guixu.manualTrigger');
    expect(node('Ask')).toMatchObject({
      type: 'guixu.placeholder',
      disabled: true,
      onError: 'continueRegularOutput',
      parameters: {
        originalType: '@n8n/n8n-nodes-langchain.chainSummarization',
        originalTypeVersion: 1.7,
        originalParameters: { text: '={{ $json.q }}' },
        ports: { inputs: ['main', 'ai_languageModel'], outputs: ['main'] },
      },
    });
    expect(node('Model')?.parameters.ports).toEqual({ inputs: [], outputs: ['ai_languageModel'] });
    expect(workflow.connections.Model).toEqual({
      ai_languageModel: [[{ node: 'Ask', type: 'ai_languageModel', index: 0 }]],
    });
    expect(report.nodes.find((n) => n.node === 'Ask')?.reason).toContain('AI nodes are not available');
  });

  it('carries node settings and moves Split In Batches v1 batches to the loop output', () => {
    expect(node('Batches')).toMatchObject({
      type: 'guixu.loopOverItems',
      retryOnFail: true,
      maxTries: 4,
      waitBetweenTries: 2000,
      alwaysOutputData: true,
      notes: 'why',
    });
    expect(workflow.connections.Batches.main).toEqual([[], [{ node: 'Ask', type: 'main', index: 0 }]]);
    expect(node('Note')?.type).toBe('guixu.stickyNote');
  });

  it('keeps credential slots empty for the user to fill, pinned data, settings and tags', () => {
    expect(node('Model')?.credentials).toEqual({ openAiApi: { id: null, name: 'My OpenAI' } });
    expect(report.credentials).toEqual([{ node: 'Model', slot: 'openAiApi', name: 'My OpenAI' }]);
    expect(workflow.pinData).toEqual({
      Start: [{ json: { q: 'pinned' } }],
      Model: [{ json: { plain: true } }],
    });
    expect(workflow.settings).toEqual({
      executionOrder: 'v1',
      expressionErrors: 'null',
      timezone: 'Europe/Berlin',
      saveDataPolicy: 'errors',
    });
    expect(report.warnings.some((w) => w.includes('"v0" execution order'))).toBe(true);
    expect(workflow.tags).toEqual(['demo']);
    expect(report.summary).toMatchObject({ nodes: 5, mapped: 3, placeholders: 2, credentials: 1 });
  });

  it('exports back to n8n: placeholders become the original nodes again', () => {
    const { workflow: back, report: exportReport } = exportN8n(workflow, { registry });
    expect(exportReport.notExported).toEqual([]);
    const ask = back.nodes.find((n) => n.name === 'Ask');
    expect(ask).toMatchObject({
      type: '@n8n/n8n-nodes-langchain.chainSummarization',
      typeVersion: 1.7,
      parameters: { text: '={{ $json.q }}' },
      onError: 'continueRegularOutput',
    });
    expect(ask?.disabled).toBeUndefined();
    expect(back.nodes.find((n) => n.name === 'Batches')).toMatchObject({
      type: 'n8n-nodes-base.splitInBatches',
      typeVersion: 3,
      parameters: { batchSize: 2 },
    });
    expect(back.nodes.find((n) => n.name === 'Start')).toMatchObject({
      type: 'n8n-nodes-base.manualTrigger',
      typeVersion: 1,
    });
    expect(back.connections).toEqual(workflow.connections);
    expect(back.settings).toMatchObject({
      executionOrder: 'v1',
      timezone: 'Europe/Berlin',
      saveDataSuccessExecution: 'none',
      callerPolicy: 'workflowsFromSameOwner',
    });
  });

  it('re-imports its own export to the same workflow', () => {
    const { workflow: back } = exportN8n(workflow, { registry });
    const again = importN8n(back, { registry }).workflow;
    expect(again.nodes.map((n) => [n.name, n.type, n.parameters])).toEqual(
      workflow.nodes.map((n) => [n.name, n.type, n.parameters]),
    );
    expect(again.connections).toEqual(workflow.connections);
  });

  it('exports a node n8n has no equivalent for as a No Operation node with a note, and reports it', () => {
    const custom = {
      ...workflow,
      nodes: [
        ...workflow.nodes,
        {
          id: 'x',
          name: 'Vector',
          type: 'guixu.somethingNew',
          typeVersion: 1,
          position: [0, 0] as [number, number],
          parameters: { a: 1 },
        },
      ],
    };
    const { workflow: back, report: exportReport } = exportN8n(custom, { registry });
    expect(exportReport.notExported).toEqual([
      {
        node: 'Vector',
        type: 'guixu.somethingNew',
        reason: 'n8n has no node equivalent to guixu.somethingNew',
      },
    ]);
    expect(back.nodes.find((n) => n.name === 'Vector')).toMatchObject({
      type: 'n8n-nodes-base.noOp',
      typeVersion: 1,
    });
    expect(String(back.nodes.find((n) => n.name === 'Vector')?.notes)).toContain('{"a":1}');
  });
});

describe('webhook with several methods', () => {
  it('keeps one output per method, as in n8n', () => {
    const { workflow, report } = importN8n(
      {
        nodes: [
          {
            id: 'w',
            name: 'Hook',
            type: 'n8n-nodes-base.webhook',
            typeVersion: 2,
            position: [0, 0],
            parameters: { path: 'x', multipleMethods: true },
          },
          {
            id: 'a',
            name: 'A',
            type: 'n8n-nodes-base.noOp',
            typeVersion: 1,
            position: [0, 0],
            parameters: {},
          },
          {
            id: 'b',
            name: 'B',
            type: 'n8n-nodes-base.noOp',
            typeVersion: 1,
            position: [0, 0],
            parameters: {},
          },
        ],
        connections: {
          Hook: { main: [[{ node: 'A', type: 'main', index: 0 }], [{ node: 'B', type: 'main', index: 0 }]] },
        },
      },
      { registry },
    );
    expect(report.validation.errors).toEqual([]);
    expect(workflow.nodes[0].parameters).toMatchObject({
      multipleMethods: true,
      httpMethod: ['GET', 'POST'],
    });
    // As n8n: one output per method (GET, then POST), each keeping its branch.
    expect(workflow.connections.Hook.main).toEqual([
      [{ node: 'A', type: 'main', index: 0 }],
      [{ node: 'B', type: 'main', index: 0 }],
    ]);
    expect(report.nodes[0].warnings).toEqual([]);
  });
});

describe('node names', () => {
  const noOp = (id: string, name: string) => ({
    id,
    name,
    type: 'n8n-nodes-base.noOp',
    typeVersion: 1,
    position: [0, 0],
    parameters: {},
  });

  it('a name that only ends in a space is trimmed without a duplicate warning, and keeps its connections', () => {
    const { workflow, report } = importN8n(
      {
        nodes: [noOp('a', 'Start'), noOp('b', 'Next ')],
        connections: { Start: { main: [[{ node: 'Next ', type: 'main', index: 0 }]] } },
      },
      { registry },
    );
    expect(workflow.nodes.map((n) => n.name)).toEqual(['Start', 'Next']);
    expect(workflow.connections.Start.main).toEqual([[{ node: 'Next', type: 'main', index: 0 }]]);
    expect(report.warnings.filter((w) => w.includes('Next'))).toEqual([]);
  });

  it('warns when two nodes share a name, or when trimming makes a name collide', () => {
    const { workflow, report } = importN8n(
      { nodes: [noOp('a', 'Set'), noOp('b', 'Set'), noOp('c', 'Set ')], connections: {} },
      { registry },
    );
    expect(workflow.nodes.map((n) => n.name)).toEqual(['Set', 'Set 1', 'Set 2']);
    expect(report.warnings).toEqual(
      expect.arrayContaining([
        'Two nodes were named "Set"; the second is now "Set 1" and keeps no connections.',
        'Node "Set " is now "Set 2": names are trimmed, and "Set" was taken.',
      ]),
    );
  });
});

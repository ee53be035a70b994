import { GuixuError } from '@guixu/core';
import { builtinNodes } from '@guixu/nodes';
import { describe, expect, it } from 'vitest';
import { importDify, importN8n } from './index.ts';

const registry = await builtinNodes();

function refusal(run: () => unknown): GuixuError {
  try {
    run();
  } catch (error) {
    if (error instanceof GuixuError) return error;
    throw error;
  }
  throw new Error('expected the import to be refused');
}

describe('malformed files get a precise IMPORT_INVALID_FILE error naming the file', () => {
  const n8n = (input: unknown) => refusal(() => importN8n(input, { registry, fileName: 'flow.json' }));
  const dify = (input: unknown) => refusal(() => importDify(input, { registry, fileName: 'app.yml' }));

  it.each([
    ['bad JSON', '{"nodes": [', 'is not valid JSON'],
    ['an empty file', '  ', 'the file is empty'],
    ['a list of workflows', '[{"nodes": [], "connections": {}}]', 'holds a list of 1 workflow(s)'],
    [
      'an API response wrapped in data',
      '{"data": {"nodes": [], "connections": {}}}',
      'wrapped in a "data" object',
    ],
    ['no nodes', '{"name": "x"}', 'has no "nodes" list'],
    [
      'a node without a type',
      '{"nodes": [{"name": "A", "parameters": {}}], "connections": {}}',
      'nodes[0] ("A").type',
    ],
    ['a number', '42', 'got number'],
    [
      'parameters nested 5,000 levels deep',
      `{"nodes": [{"name": "A", "type": "n8n-nodes-base.noOp", "typeVersion": 1, "position": [0, 0], "parameters": {"x": ${'['.repeat(5000)}${']'.repeat(5000)}}}], "connections": {}}`,
      'nested more than 256 levels deep',
    ],
  ])('n8n: %s', (_, input, problem) => {
    const error = n8n(input);
    expect(error.code).toBe('IMPORT_INVALID_FILE');
    expect(error.message).toContain('"flow.json"');
    expect(error.message).toContain(problem);
  });

  it.each([
    ['bad YAML', 'app: [unclosed', 'is not valid YAML'],
    ['no app section', 'workflow: {}', 'has no "app" section'],
    [
      'an unknown DSL version',
      'app: {mode: workflow}\nversion: 1.4.0\nworkflow: {graph: {nodes: [], edges: []}}',
      'version "1.4.0" is not supported',
    ],
    [
      'a chat app without workflow',
      'app: {mode: chat}\nversion: 0.1.5\nmodel_config: {}',
      'only workflow and chatflow apps',
    ],
    [
      'an agent app',
      'app: {mode: agent-chat}\nversion: 0.1.5\nworkflow: {graph: {nodes: [], edges: []}}',
      'a Dify "agent-chat" app',
    ],
    [
      'a node without data',
      'app: {mode: workflow}\nversion: 0.1.5\nworkflow: {graph: {nodes: [{id: a}], edges: []}}',
      'nodes[0].data',
    ],
  ])('Dify: %s', (_, input, problem) => {
    const error = dify(input);
    expect(error.code).toBe('IMPORT_INVALID_FILE');
    expect(error.message).toContain('"app.yml"');
    expect(error.message).toContain(problem);
  });

  it('Dify: a file without a version is read as 0.1.0 with a warning', () => {
    const { report } = importDify(
      'app: {mode: workflow, name: Old}\nworkflow: {graph: {nodes: [], edges: []}}',
      {
        registry,
        fileName: 'old.yml',
      },
    );
    expect(report.warnings[0]).toContain('read as version 0.1.0');
  });
});

import { describe, expect, it } from 'vitest';
import type { WorkflowDoc } from '../model/document.ts';
import type { ApiNodeRun } from '../run/run-data.ts';
import { formatCost, stepsOfRun, toolNodesOf, totalsOf, withUsageCosts } from './agent-steps.ts';

const usage = (model: string, input: number, output: number, extra: Record<string, unknown> = {}) => ({
  provider: 'openai',
  model,
  inputTokens: input,
  outputTokens: output,
  latencyMs: 12,
  ...extra,
});

const agentRun = {
  startTime: 1,
  executionTime: 40,
  executionStatus: 'success',
  source: [],
  input: [],
  output: [
    [
      {
        json: {
          output: '391',
          steps: [
            {
              iteration: 1,
              text: '',
              usage: usage('gpt-test', 30, 8),
              toolCalls: [
                { id: 'c1', tool: 'calculator', input: { expression: '17*23' }, output: 391 },
                { id: 'c2', tool: 'Fetch_page', input: { url: 'x' }, error: 'HTTP 500' },
              ],
            },
            { iteration: 2, text: '391', usage: usage('gpt-test', 50, 4, { cost: 0.0003, currency: 'USD' }) },
          ],
        },
      },
    ],
  ],
} as unknown as ApiNodeRun;

const doc: WorkflowDoc = {
  name: 'w',
  nodes: [
    { id: '1', name: 'Agent', type: 'guixu.agent', typeVersion: 1, position: [0, 0], parameters: {} },
    { id: '2', name: 'Calc', type: 'guixu.toolCalculator', typeVersion: 1, position: [0, 0], parameters: {} },
    {
      id: '3',
      name: 'Fetch page',
      type: 'guixu.toolHttpRequest',
      typeVersion: 1,
      position: [0, 0],
      parameters: {},
    },
    {
      id: '4',
      name: 'Other',
      type: 'guixu.toolCode',
      typeVersion: 1,
      position: [0, 0],
      parameters: { name: 'x' },
    },
  ],
  connections: {
    Calc: { ai_tool: [[{ node: 'Agent', type: 'ai_tool', index: 0 }]] },
    'Fetch page': { ai_tool: [[{ node: 'Agent', type: 'ai_tool', index: 0 }]] },
  },
  settings: {},
  pinData: {},
};

describe('an AI node’s run as steps', () => {
  it('links each tool call to the sub-node that offers the tool', () => {
    expect([...toolNodesOf(doc, 'Agent')]).toEqual([
      ['calculator', 'Calc'],
      ['Fetch_page', 'Fetch page'],
    ]);
  });

  it('lists model calls with model, tokens and time, and tool calls with input, output or error', () => {
    const steps = stepsOfRun('Agent', agentRun, toolNodesOf(doc, 'Agent'));
    expect(steps.map((s) => [s.kind, s.iteration, s.usage?.model, s.usage?.inputTokens])).toEqual([
      ['step', 1, 'gpt-test', 30],
      ['step', 2, 'gpt-test', 50],
    ]);
    expect(steps[0]?.durationMs).toBe(12);
    expect(steps[0]?.toolCalls).toEqual([
      { tool: 'calculator', input: '{"expression":"17*23"}', output: '391', failed: false, node: 'Calc' },
      { tool: 'Fetch_page', input: '{"url":"x"}', output: 'HTTP 500', failed: true, node: 'Fetch page' },
    ]);
  });

  it('reads the steps an agent recorded in its error (no final answer)', () => {
    const failed = {
      ...agentRun,
      executionStatus: 'error',
      output: [],
      error: {
        code: 'AI_MAX_ITERATIONS',
        message: 'no answer',
        details: { steps: [{ iteration: 1, text: 'hm' }] },
      },
    } as unknown as ApiNodeRun;
    expect(stepsOfRun('Agent', failed).map((s) => s.text)).toEqual(['hm']);
  });

  it('takes costs from the execution’s AI usage where the run data has none, and totals them', () => {
    const steps = withUsageCosts(stepsOfRun('Agent', agentRun), [
      {
        node: 'Agent',
        provider: 'openai',
        model: 'gpt-test',
        inputTokens: 30,
        outputTokens: 8,
        latencyMs: 12,
        cost: 0.0002,
        currency: 'USD',
      },
      {
        node: 'Agent',
        provider: 'openai',
        model: 'gpt-test',
        inputTokens: 50,
        outputTokens: 4,
        latencyMs: 12,
        cost: 0.9,
        currency: 'USD',
      },
    ]);
    expect(steps.map((s) => s.usage?.cost)).toEqual([0.0002, 0.0003]);
    const totals = totalsOf(steps);
    expect(totals).toMatchObject({ calls: 2, input: 80, output: 12 });
    expect(totals.cost.USD).toBeCloseTo(0.0005);
    expect(formatCost(0.0005, 'USD')).toBe('0.0005 USD');
    expect(formatCost(1.23456, 'CNY')).toBe('1.2346 CNY');
  });
});

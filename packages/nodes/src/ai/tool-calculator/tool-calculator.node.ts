import { defineNode } from '@guixu/core';
import type { AgentTool } from '../cluster/contracts.ts';
import { evaluateArithmetic } from './arithmetic.ts';

export default defineNode({
  type: 'guixu.toolCalculator',
  version: 1,
  displayName: 'Calculator',
  description: 'A tool for an AI Agent: evaluates arithmetic exactly instead of letting the model guess.',
  group: 'ai',
  icon: 'calculator',
  inputs: [],
  outputs: [{ type: 'ai_tool', displayName: 'Tool' }],
  params: {},
  docs: 'The model sends an expression such as `(3 + 4) * 2 ^ 3 / sqrt(16)`; functions: sqrt, abs, round, floor, ceil, ln, log, exp, sin, cos, tan, min, max, pow; constants pi and e.',
  run: () => [[]],
  supplyData: (): AgentTool => ({
    kind: 'tool',
    name: 'calculator',
    description: 'Evaluates an arithmetic expression and returns the number. Use it for any calculation.',
    inputSchema: {
      type: 'object',
      properties: { expression: { type: 'string', description: 'e.g. (3 + 4) * 2 ^ 3 / sqrt(16)' } },
      required: ['expression'],
    },
    run: async (input) => {
      const expression =
        typeof input === 'object' && input !== null ? (input as { expression?: unknown }).expression : input;
      const value = evaluateArithmetic(String(expression ?? ''));
      return Number.isFinite(value) ? value : String(value);
    },
  }),
});

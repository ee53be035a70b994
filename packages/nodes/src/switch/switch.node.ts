import {
  conditionOverrides,
  defineNode,
  evaluateConditions,
  filterParam,
  looseTypeValidationParam,
  type Item,
  NodeOperationError,
  type PortSpec,
  p,
} from '@guixu/core';
import { z } from 'zod';

/**
 * Mirrors n8n's Switch v3.2: one output per routing rule (plus an optional
 * fallback output), or an expression that returns the output index.
 */

const fallbackSchema = z.preprocess(
  (value) => (typeof value === 'string' && /^\d+$/.test(value.trim()) ? Number(value) : value),
  z.union([z.enum(['none', 'extra']), z.number().int().min(0)]),
);

const defaultRule = {
  conditions: {
    options: { caseSensitive: true, leftValue: '', typeValidation: 'strict' as const, version: 3 },
    conditions: [
      { leftValue: '', rightValue: '', operator: { type: 'string' as const, operation: 'equals' } },
    ],
    combinator: 'and' as const,
  },
  renameOutput: false,
  outputKey: '',
};

function record(value: unknown): Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {};
}

/** Output ports from raw parameters (the editor calls this while the user types). */
function outputPorts(params: Record<string, unknown>): PortSpec[] {
  if (params.mode === 'expression') {
    const count = Number(params.numberOutputs);
    const n = Number.isInteger(count) && count > 0 ? Math.min(count, 100) : 0;
    return Array.from({ length: n }, (_, i) => ({ type: 'main', displayName: String(i) }));
  }
  const rules = record(params.rules).values;
  const list = Array.isArray(rules) ? rules : [];
  const ports: PortSpec[] = list.map((rule, i) => {
    const key = record(rule).outputKey;
    return { type: 'main', displayName: typeof key === 'string' && key !== '' ? key : String(i) };
  });
  const options = record(params.options);
  if (options.fallbackOutput === 'extra') {
    const name = options.renameFallbackOutput;
    ports.push({ type: 'main', displayName: typeof name === 'string' && name !== '' ? name : 'Fallback' });
  }
  return ports;
}

export default defineNode({
  type: 'guixu.switch',
  version: 1,
  displayName: 'Switch',
  description: 'Routes items to different outputs by rules or by an expression.',
  group: 'flow',
  icon: 'split',
  defaultName: 'Switch',
  inputs: ['main'],
  outputs: (params) => outputPorts(params),
  outputNames: (params) => outputPorts(params).map((port) => port.displayName ?? ''),
  params: {
    mode: p.options({
      label: 'Mode',
      options: [
        { value: 'rules', label: 'Rules', description: 'Build a matching rule for each output' },
        {
          value: 'expression',
          label: 'Expression',
          description: 'Write an expression to return the output index',
        },
      ],
      default: 'rules',
      noExpression: true,
    }),
    numberOutputs: p.number({
      label: 'Number of outputs',
      default: 4,
      min: 1,
      integer: true,
      displayOptions: { show: { mode: ['expression'] } },
    }),
    output: p.number({
      label: 'Output index',
      description: 'The output (starting at 0) to send the item to; usually an expression.',
      hint: 'The index to route the item to, starts at 0',
      default: 0,
      displayOptions: { show: { mode: ['expression'] } },
    }),
    rules: p.object({
      label: 'Routing rules',
      displayOptions: { show: { mode: ['rules'] } },
      default: { values: [defaultRule] },
      fields: {
        values: p.list({
          label: 'Values',
          addLabel: 'Add routing rule',
          fields: {
            conditions: filterParam({ label: 'Conditions' }),
            renameOutput: p.boolean({ label: 'Rename output', default: false }),
            outputKey: p.string({
              label: 'Output name',
              description: 'The label of the output the rule sends matching items to',
              displayOptions: { show: { renameOutput: [true] } },
            }),
          },
        }),
      },
    }),
    looseTypeValidation: looseTypeValidationParam(),
    options: p.collection({
      label: 'Options',
      displayOptions: { show: { mode: ['rules'] } },
      fields: {
        fallbackOutput: p.custom<'none' | 'extra' | number>({
          kind: 'options',
          widget: 'select',
          label: 'Fallback output',
          description:
            'Where items that match no rule go: nowhere ("none"), an extra output ("extra"), or the output of rule N (0-based).',
          schema: fallbackSchema,
          default: 'none',
        }),
        ignoreCase: p.boolean({ label: 'Ignore case', default: true }),
        looseTypeValidation: p.boolean({ label: 'Less strict type validation', default: false }),
        renameFallbackOutput: p.string({
          label: 'Rename fallback output',
          placeholder: 'e.g. Fallback',
          displayOptions: { show: { fallbackOutput: ['extra'] } },
        }),
        allMatchingOutputs: p.boolean({
          label: 'Send data to all matching outputs',
          description: 'Whether to send an item to every output whose rule matches (not just the first one)',
          default: false,
        }),
      },
    }),
  },
  docs: `**Rules mode**: each routing rule has conditions and its own output. An item goes to the first rule that matches, or to every matching rule with "Send data to all matching outputs". Items that match nothing are dropped, sent to an extra "Fallback" output, or sent to a chosen rule's output.

**Expression mode**: set "Number of outputs" and an "Output index" expression (e.g. \`{{ $json.priority }}\`); each item goes to the output the expression returns.

When the node continues on error, a failing item becomes \`{ error }\` on output 0 (as in n8n).`,
  run(ctx) {
    const first = ctx.params(0);
    const outputs: Item[][] = outputPorts(first).map(() => []);
    if (outputs.length === 0) return [[]];
    const route = (index: number, itemIndex: number, item: Item, context: string) => {
      if (!Number.isInteger(index) || index < 0 || index >= outputs.length) {
        throw new NodeOperationError(ctx.node.name, `The output ${index} is not allowed (${context})`, {
          description:
            index === outputs.length
              ? `Output indexes start at 0; the last output is ${outputs.length - 1}.`
              : `It has to be between 0 and ${outputs.length - 1}.`,
          details: { itemIndex, output: index },
        });
      }
      outputs[index].push(item);
    };
    ctx.items.forEach((input, itemIndex) => {
      const item: Item = { ...input, pairedItem: { item: itemIndex } };
      try {
        const params = itemIndex === 0 ? first : ctx.params(itemIndex);
        if (params.mode === 'expression') {
          route(params.output, itemIndex, item, `item ${itemIndex}`);
          return;
        }
        const overrides = conditionOverrides({
          ignoreCase: params.options.ignoreCase,
          looseTypeValidation: params.looseTypeValidation,
          optionsLooseTypeValidation: params.options.looseTypeValidation,
        });
        let matched = false;
        for (const [ruleIndex, rule] of params.rules.values.entries()) {
          const pass = evaluateConditions(rule.conditions, {
            itemIndex,
            node: ctx.node.name,
            parameter: `rules.values[${ruleIndex}].conditions`,
            ...overrides,
          });
          if (!pass) continue;
          matched = true;
          outputs[ruleIndex].push(item);
          if (!params.options.allMatchingOutputs) break;
        }
        const fallback = params.options.fallbackOutput ?? 'none';
        if (matched || fallback === 'none') return;
        if (fallback === 'extra') outputs[outputs.length - 1].push(item);
        else route(fallback, itemIndex, item, 'fallback output');
      } catch (error) {
        if (!ctx.continueOnFail()) throw error;
        outputs[0].push({
          json: { error: error instanceof Error ? error.message : String(error) },
          pairedItem: { item: itemIndex },
        });
      }
    });
    return outputs;
  },
});

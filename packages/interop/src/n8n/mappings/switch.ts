import { isLegacyType, legacyCondition } from '../legacy-conditions.ts';
import { entries, record, sameShape, type Translation } from '../mapping.ts';

/**
 * Switch v1–v2 compare one `value1` against rules that each name an output index
 * (several rules may share one). v3 gives every rule its own output, so the n8n
 * output k is connected from every rule that pointed at k (and from the fallback).
 */
function fromLegacy(parameters: Record<string, unknown>, version: number): Translation {
  const mode = parameters.mode ?? 'rules';
  if (mode === 'expression') {
    return {
      parameters: {
        mode: 'expression',
        numberOutputs: version < 2 ? 4 : (parameters.outputsAmount ?? 4),
        output: parameters.output ?? 0,
      },
    };
  }
  const dataType = parameters.dataType ?? 'number';
  if (!isLegacyType(dataType))
    return { parameters, unsupported: `Switch data type "${String(dataType)}" is unknown` };
  const rules = entries(parameters.rules, 'rules');
  const values = rules.map((rule) => ({
    conditions: {
      options: { caseSensitive: true, leftValue: '', typeValidation: 'loose' },
      conditions: [legacyCondition(dataType, parameters.value1, rule.operation, rule.value2, 'equal')],
      combinator: 'and',
    },
    renameOutput: false,
  }));
  const fallback = typeof parameters.fallbackOutput === 'number' ? parameters.fallbackOutput : -1;
  const targets = new Map<number, number[]>();
  rules.forEach((rule, index) => {
    const output = typeof rule.output === 'number' ? rule.output : 0;
    targets.set(output, [...(targets.get(output) ?? []), index]);
  });
  if (fallback >= 0) targets.set(fallback, [...(targets.get(fallback) ?? []), rules.length]);
  return {
    parameters: {
      mode: 'rules',
      rules: { values },
      looseTypeValidation: true,
      options: { ...record(parameters.options), fallbackOutput: fallback >= 0 ? 'extra' : 'none' },
    },
    outputs: (index) => targets.get(index) ?? [],
  };
}

export default sameShape('switch', 'guixu.switch', 3.2, (node) =>
  node.typeVersion >= 3
    ? { parameters: { ...node.parameters } }
    : fromLegacy(node.parameters, node.typeVersion),
);

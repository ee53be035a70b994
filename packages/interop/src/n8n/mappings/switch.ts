import { isLegacyType, type LegacyType, legacyCondition } from '../legacy-conditions.ts';
import { entries, type MappingContext, record, sameShape, type Translation } from '../mapping.ts';

/**
 * Switch v1 and v2 compare one `value1` against a list of rules; the first rule
 * that matches takes the item. They route differently:
 * - v1 has four fixed outputs; each rule names its output (`output`, default 0,
 *   several rules may share one) and `fallbackOutput` is an output index.
 * - v2 has one output per rule (labelled `outputKey`; a stray `output` is ignored)
 *   and `fallbackOutput` names the rule whose output takes the unmatched items.
 * GuixuFlow's Switch (n8n v3) gives every rule its own output, like v2, so a v1
 * output k is connected from every rule that pointed at k (and from the fallback).
 */
function legacyRules(parameters: Record<string, unknown>, dataType: LegacyType, labels: boolean) {
  return entries(parameters.rules, 'rules').map((rule) => {
    const label = labels && typeof rule.outputKey === 'string' ? rule.outputKey : '';
    return {
      conditions: {
        options: { caseSensitive: true, leftValue: '', typeValidation: 'loose' },
        conditions: [legacyCondition(dataType, parameters.value1, rule.operation, rule.value2)],
        combinator: 'and',
      },
      renameOutput: label !== '',
      ...(label !== '' ? { outputKey: label } : {}),
    };
  });
}

/** A fallback given as a number or a digit string (n8n options values); -1 or anything else is none. */
function fallbackIndex(value: unknown): number {
  const n = typeof value === 'string' && /^\d+$/.test(value.trim()) ? Number(value) : value;
  return typeof n === 'number' && Number.isInteger(n) && n >= 0 ? n : -1;
}

function fromV1(parameters: Record<string, unknown>, dataType: LegacyType, ctx: MappingContext): Translation {
  const rules = entries(parameters.rules, 'rules');
  const fallback = fallbackIndex(parameters.fallbackOutput);
  const targets = new Map<number, number[]>();
  rules.forEach((rule, index) => {
    const output = typeof rule.output === 'number' ? rule.output : 0;
    targets.set(output, [...(targets.get(output) ?? []), index]);
  });
  if (fallback >= 0) targets.set(fallback, [...(targets.get(fallback) ?? []), rules.length]);
  const shared = [...targets.entries()].filter(([, from]) => from.length > 1).map(([output]) => output);
  if (shared.length > 0)
    ctx.warn(
      `Several rules (or the fallback) send items to output ${shared.join(', ')}: each becomes its own output here, so a node behind it runs once per rule that matched instead of once with all the items`,
    );
  return {
    parameters: {
      mode: 'rules',
      rules: { values: legacyRules(parameters, dataType, false) },
      looseTypeValidation: true,
      options: { ...record(parameters.options), fallbackOutput: fallback >= 0 ? 'extra' : 'none' },
    },
    outputs: (index) => targets.get(index) ?? [],
  };
}

function fromV2(parameters: Record<string, unknown>, dataType: LegacyType): Translation {
  const fallback = fallbackIndex(parameters.fallbackOutput);
  return {
    parameters: {
      mode: 'rules',
      rules: { values: legacyRules(parameters, dataType, true) },
      looseTypeValidation: true,
      options: { ...record(parameters.options), fallbackOutput: fallback >= 0 ? fallback : 'none' },
    },
  };
}

function fromLegacy(parameters: Record<string, unknown>, version: number, ctx: MappingContext): Translation {
  if ((parameters.mode ?? 'rules') === 'expression') {
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
  return version < 2 ? fromV1(parameters, dataType, ctx) : fromV2(parameters, dataType);
}

export default sameShape('switch', 'guixu.switch', 3.2, (node, ctx) =>
  node.typeVersion >= 3
    ? { parameters: { ...node.parameters } }
    : fromLegacy(node.parameters, node.typeVersion, ctx),
);

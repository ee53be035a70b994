import { entries, type MappingContext, record, sameShape, type Translation } from '../mapping.ts';

/**
 * Merge v1 (append, mergeByIndex, mergeByKey, keepKeyMatches, removeKeyMatches,
 * multiplex, passThrough, wait) and v2 (append, combine, chooseBranch) become v3's
 * modes. Outputs and inputs keep their indexes.
 */
function matchFields(field1: unknown, field2: unknown): Record<string, unknown> {
  const a = String(field1 ?? '');
  const b = String(field2 ?? '');
  return a === b
    ? { fieldsToMatchString: a }
    : { advanced: true, mergeByFields: { values: [{ field1: a, field2: b }] } };
}

function fromV1(p: Record<string, unknown>, ctx: MappingContext): Translation {
  const mode = p.mode ?? 'append';
  switch (mode) {
    case 'append':
      return { parameters: { mode: 'append' } };
    case 'mergeByIndex': {
      const join = p.join ?? 'left';
      if (join === 'left')
        ctx.warn(
          '"Merge by index" with a left join now keeps unpaired items of both inputs only when "Include Unpaired" is on; it was turned off.',
        );
      return {
        parameters: {
          mode: 'combine',
          combineBy: 'combineByPosition',
          options: { includeUnpaired: join === 'outer' },
        },
      };
    }
    case 'mergeByKey': {
      ctx.warn(
        "Merge by key now lists the input 1 items that found a match first, then the others (v1 kept input 1's order).",
      );
      if (p.overwrite && p.overwrite !== 'always') {
        ctx.warn(
          `Merge by key's overwrite "${String(p.overwrite)}" has no exact equivalent; input 2 values win on clashes.`,
        );
      }
      return {
        parameters: {
          mode: 'combine',
          combineBy: 'combineByFields',
          ...matchFields(p.propertyName1, p.propertyName2),
          joinMode: 'enrichInput1',
          options: {},
        },
      };
    }
    case 'keepKeyMatches':
    case 'removeKeyMatches':
      return {
        parameters: {
          mode: 'combine',
          combineBy: 'combineByFields',
          ...matchFields(p.propertyName1, p.propertyName2),
          joinMode: mode === 'keepKeyMatches' ? 'keepMatches' : 'keepNonMatches',
          outputDataFrom: 'input1',
          options: {},
        },
      };
    case 'multiplex':
      return { parameters: { mode: 'combine', combineBy: 'combineAll', options: {} } };
    case 'passThrough':
      return {
        parameters: {
          mode: 'chooseBranch',
          chooseBranchMode: 'waitForAll',
          output: 'specifiedInput',
          useDataOfInput: p.output === 'input2' ? 2 : 1,
        },
      };
    case 'wait':
      return { parameters: { mode: 'chooseBranch', chooseBranchMode: 'waitForAll', output: 'empty' } };
    default:
      return { parameters: p, unsupported: `Merge v1 mode "${String(mode)}" is unknown` };
  }
}

function fromV2(p: Record<string, unknown>): Translation {
  const mode = p.mode ?? 'append';
  const options = record(p.options);
  if (mode === 'append') return { parameters: { mode: 'append' } };
  if (mode === 'chooseBranch') {
    const output = p.output ?? 'input1';
    return {
      parameters:
        output === 'empty'
          ? { mode: 'chooseBranch', chooseBranchMode: 'waitForAll', output: 'empty' }
          : {
              mode: 'chooseBranch',
              chooseBranchMode: 'waitForAll',
              output: 'specifiedInput',
              useDataOfInput: output === 'input2' ? 2 : 1,
            },
    };
  }
  if (mode !== 'combine') return { parameters: p, unsupported: `Merge v2 mode "${String(mode)}" is unknown` };
  const combination = p.combinationMode ?? 'mergeByFields';
  if (combination === 'mergeByPosition') {
    return { parameters: { mode: 'combine', combineBy: 'combineByPosition', options } };
  }
  if (combination === 'multiplex')
    return { parameters: { mode: 'combine', combineBy: 'combineAll', options } };
  const pairs = entries(p.mergeByFields, 'values');
  const same = pairs.every((pair) => pair.field1 === pair.field2);
  const fields = same
    ? { fieldsToMatchString: pairs.map((pair) => String(pair.field1 ?? '')).join(', ') }
    : { advanced: true, mergeByFields: { values: pairs } };
  return {
    parameters: {
      mode: 'combine',
      combineBy: 'combineByFields',
      ...fields,
      joinMode: p.joinMode ?? 'keepMatches',
      outputDataFrom: p.outputDataFrom ?? 'both',
      options,
    },
  };
}

export default sameShape('merge', 'guixu.merge', 3.2, (node, ctx) => {
  if (node.typeVersion < 2) return fromV1(node.parameters, ctx);
  if (node.typeVersion < 3) return fromV2(node.parameters);
  return { parameters: { ...node.parameters } };
});

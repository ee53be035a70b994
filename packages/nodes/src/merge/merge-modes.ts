import { GuixuError, type Item, type JsonObject } from '@guixu/core';
import {
  type ClashHandling,
  combineItems,
  fieldValue,
  sameValue,
  type Tagged,
  withSuffix,
} from './merge-values.ts';

export type JoinMode = 'keepMatches' | 'keepNonMatches' | 'keepEverything' | 'enrichInput1' | 'enrichInput2';
export type OutputDataFrom = 'both' | 'input1' | 'input2';

const tag = (item: Item, input: number): Tagged => ({ item, input });

export function combineByPosition(inputs: Item[][], clash: ClashHandling, includeUnpaired: boolean): Item[] {
  const lengths = inputs.map((list) => list.length);
  const count = includeUnpaired ? Math.max(0, ...lengths) : Math.min(...lengths);
  const out: Item[] = [];
  for (let i = 0; i < count; i++) {
    const entries = inputs.flatMap((list, input) => (i < list.length ? [tag(list[i], input)] : []));
    out.push(combineItems(entries, clash));
  }
  return out;
}

/** Every pair of input 1 and input 2 items (cross join). */
export function combineAll(input1: Item[], input2: Item[], clash: ClashHandling): Item[] {
  const out: Item[] = [];
  for (const a of input1) for (const b of input2) out.push(combineItems([tag(a, 0), tag(b, 1)], clash));
  return out;
}

export interface FieldPair {
  field1: string;
  field2: string;
}

export interface FieldsOptions {
  joinMode: JoinMode;
  outputDataFrom: OutputDataFrom;
  clash: ClashHandling;
  fuzzyCompare: boolean;
  dotNotation: boolean;
  multipleMatches: 'all' | 'first';
  node: string;
}

export function checkFieldPairs(pairs: FieldPair[], node: string, parameter: string): FieldPair[] {
  const cleaned = pairs.map((p) => ({ field1: p.field1.trim(), field2: p.field2.trim() }));
  if (cleaned.length === 0 || cleaned.every((p) => p.field1 === '' && p.field2 === '')) {
    throw new GuixuError('PARAMETER_INVALID', 'Name at least one field to match on in "Fields to match"', {
      node,
      parameter,
    });
  }
  cleaned.forEach((p, i) => {
    if (p.field1 === '' || p.field2 === '') {
      throw new GuixuError(
        'PARAMETER_INVALID',
        `Fields to match, pair ${i + 1}: both the input 1 field and the input 2 field are needed (got "${p.field1}" and "${p.field2}")`,
        { node, parameter },
      );
    }
  });
  return cleaned;
}

function withSource(items: Item[], source: string): Item[] {
  return items.map((item) => ({ ...item, json: { ...item.json, _source: source } }));
}

function suffixed(items: Item[], suffix: string): Item[] {
  return items.map((item) => ({ ...item, json: withSuffix(item.json, suffix) }));
}

/** Joins input 1 and input 2 on field values (SQL-like inner/outer/left/right joins). */
export function combineByFields(
  input1: Item[],
  input2: Item[],
  pairs: FieldPair[],
  o: FieldsOptions,
): Item[] {
  const { joinMode, outputDataFrom } = o;
  if (input1.length === 0 || input2.length === 0) {
    if (joinMode === 'keepMatches') return [];
    if (joinMode === 'keepNonMatches' && outputDataFrom === 'input1') return input1;
    if (joinMode === 'keepNonMatches' && outputDataFrom === 'input2') return input2;
    if (joinMode === 'enrichInput1' && input1.length === 0) return [];
    if (joinMode === 'enrichInput2' && input2.length === 0) return [];
    return [...input1, ...input2];
  }
  const matched: { entry: Item; match: Item }[] = [];
  const matchedFirst: { entry: Item; matches: Item[] }[] = [];
  const unmatched1: Item[] = [];
  const used2 = new Set<number>();
  for (const entry of input1) {
    const wanted = pairs.map((p) => fieldValue(entry.json, p.field1, o.dotNotation));
    if (wanted.some((v) => v === undefined)) {
      unmatched1.push(entry);
      continue;
    }
    const found: number[] = [];
    for (let j = 0; j < input2.length; j++) {
      const ok = pairs.every((p, k) =>
        sameValue(wanted[k], fieldValue(input2[j].json, p.field2, o.dotNotation), o.fuzzyCompare),
      );
      if (!ok) continue;
      found.push(j);
      if (o.multipleMatches === 'first') break;
    }
    if (found.length === 0) {
      unmatched1.push(entry);
      continue;
    }
    for (const j of found) used2.add(j);
    for (const j of found) matched.push({ entry, match: input2[j] });
    matchedFirst.push({ entry, matches: found.map((j) => input2[j]) });
  }
  const matched2 = input2.filter((_, j) => used2.has(j));
  const unmatched2 = input2.filter((_, j) => !used2.has(j));
  const addSuffix = o.clash.resolveClash === 'addSuffix';

  switch (joinMode) {
    case 'keepNonMatches':
      if (outputDataFrom === 'input1') return unmatched1;
      if (outputDataFrom === 'input2') return unmatched2;
      return [...withSource(unmatched1, 'input1'), ...withSource(unmatched2, 'input2')];
    case 'keepMatches':
    case 'keepEverything': {
      let out: Item[];
      if (outputDataFrom === 'input1') out = matchedFirst.map((m) => m.entry);
      else if (outputDataFrom === 'input2') out = matched2;
      else out = matched.map((m) => combineItems([tag(m.entry, 0), tag(m.match, 1)], o.clash));
      if (joinMode === 'keepMatches') return out;
      return [
        ...out,
        ...(addSuffix ? suffixed(unmatched1, '1') : unmatched1),
        ...(addSuffix ? suffixed(unmatched2, '2') : unmatched2),
      ];
    }
    case 'enrichInput1':
    case 'enrichInput2': {
      const defaultClash = joinMode === 'enrichInput2' ? 'preferInput1' : 'preferLast';
      const merged = matched.map((m) =>
        combineItems([tag(m.entry, 0), tag(m.match, 1)], o.clash, defaultClash),
      );
      const rest = joinMode === 'enrichInput1' ? unmatched1 : unmatched2;
      const suffix = joinMode === 'enrichInput1' ? '1' : '2';
      return [...merged, ...(addSuffix ? suffixed(rest, suffix) : rest)];
    }
  }
}

export function chooseBranch(
  inputs: Item[][],
  output: 'specifiedInput' | 'empty',
  useDataOfInput: number,
  node: string,
): Item[] {
  if (output === 'empty') {
    const pairedItem = inputs.flatMap((list, input) => list.map((_, item) => ({ item, input })));
    return [{ json: {} as JsonObject, pairedItem }];
  }
  if (useDataOfInput < 1 || useDataOfInput > inputs.length) {
    throw new GuixuError(
      'PARAMETER_INVALID',
      `Input ${useDataOfInput} does not exist; this Merge node has ${inputs.length} inputs`,
      { node, parameter: 'useDataOfInput' },
    );
  }
  return inputs[useDataOfInput - 1];
}

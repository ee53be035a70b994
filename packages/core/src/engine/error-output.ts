import type { PlainError } from '../errors.ts';
import type { Item, PairedItem } from '../items.ts';
import type { OnError } from '../workflow/schema.ts';

/**
 * Outputs of a node that threw, when its `onError` setting says to continue
 * (n8n: a failed item becomes `{ error }` on the regular output, or goes to the
 * extra "error" output keeping its input fields).
 */
export function failedOutputs(options: {
  onError: OnError;
  error: PlainError;
  input: Item[];
  mainOutputs: number;
}): Item[][] {
  const { error, input, mainOutputs } = options;
  if (options.onError === 'continueRegularOutput') {
    const count = Math.max(1, input.length);
    const items: Item[] = [];
    for (let i = 0; i < count; i++) items.push({ json: { error: error.message }, pairedItem: { item: i } });
    return [items];
  }
  const outputs: Item[][] = [];
  for (let i = 0; i < mainOutputs; i++) outputs.push([]);
  outputs.push(
    input.map((item, i) => ({
      ...item,
      json: { ...item.json, error: error.message },
      pairedItem: { item: i },
    })),
  );
  return outputs;
}

/** n8n routes items shaped exactly `{ error }` or `{ error, message }` to the error output. */
function isErrorItem(item: Item): boolean {
  const json = item.json;
  if (json === null || typeof json !== 'object' || !('error' in json)) return false;
  const keys = Object.keys(json);
  return keys.length === 1 || (keys.length === 2 && 'message' in json);
}

function pairedIndex(paired: Item['pairedItem'], fallback: number): PairedItem {
  if (typeof paired === 'number') return { item: paired };
  if (Array.isArray(paired)) return paired[0] ?? { item: fallback };
  return paired ?? { item: fallback };
}

/**
 * For `continueErrorOutput`: pads the regular outputs, appends the error output,
 * and moves error-shaped items there (merged with the input item they came from).
 */
export function routeErrorItems(outputs: Item[][], inputs: readonly Item[][], mainOutputs: number): Item[][] {
  const result: Item[][] = [];
  const errors: Item[] = [...(outputs[mainOutputs] ?? [])];
  for (let o = 0; o < mainOutputs; o++) {
    const list = outputs[o] ?? [];
    if (!list.some(isErrorItem)) {
      result.push(list);
      continue;
    }
    const kept: Item[] = [];
    for (let i = 0; i < list.length; i++) {
      const item = list[i];
      if (!isErrorItem(item)) {
        kept.push(item);
        continue;
      }
      const paired = pairedIndex(item.pairedItem, i);
      const source = inputs[paired.input ?? 0]?.[paired.item];
      errors.push({ ...item, json: { ...(source?.json ?? {}), ...item.json } });
    }
    result.push(kept);
  }
  result.push(errors);
  return result;
}

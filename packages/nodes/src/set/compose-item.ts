import type { Item, JsonObject } from '@guixu/core';
import { deleteField, getField, lastFieldKey, setField } from '../shared/field-paths.ts';

export type IncludeMode = 'none' | 'all' | 'selected' | 'except';

/** What one Set run does with the input fields, decided once per item's parameters. */
export interface ComposePlan {
  include: IncludeMode;
  includeFields: readonly string[];
  excludeFields: readonly string[];
  dotNotation: boolean;
  keepBinary: boolean;
}

/** The output JSON before the new fields are written: the kept input fields. */
export function startJson(input: JsonObject, plan: ComposePlan): Record<string, unknown> {
  const disableDots = !plan.dotNotation;
  switch (plan.include) {
    case 'none':
      return {};
    case 'all':
      // A shallow copy is enough: setField copies nested containers before writing into them.
      return { ...input };
    case 'selected': {
      const json: Record<string, unknown> = {};
      for (const path of plan.includeFields) {
        setField(json, lastFieldKey(path, disableDots), getField(input, path, disableDots), disableDots);
      }
      return json;
    }
    case 'except': {
      const json: Record<string, unknown> = { ...input };
      for (const path of plan.excludeFields) deleteField(json, path, disableDots);
      return json;
    }
  }
}

/** The output item around `json` (kept input fields plus the new ones). */
export function finishItem(
  input: Item,
  itemIndex: number,
  json: Record<string, unknown>,
  plan: ComposePlan,
): Item {
  const item: Item = { json: json as JsonObject, pairedItem: { item: itemIndex } };
  if (plan.keepBinary && input.binary !== undefined) item.binary = { ...input.binary };
  return item;
}

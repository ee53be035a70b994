/**
 * Turns what user code returned into items, with n8n's rules and messages
 * (result-validation.ts and normalizeItems in n8n): plain objects are wrapped
 * in `{ json }`, reserved keys are checked, and `pairedItem` is filled in where
 * n8n's engine would fill it in.
 */
import type { BinaryRef, Item, JsonObject, PairedItem } from '@guixu/core';
import { z } from 'zod';
import { invalidResult } from './code-errors.ts';

const ITEM_KEYS = new Set(['json', 'binary', 'pairedItem', 'error', 'metadata', 'index']);

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** n8n's `sourceOverwrite`: the item points into another node run's input (kept as returned). */
const sourceOverwriteSchema = z.object({
  previousNode: z.string().min(1),
  previousNodeOutput: z.number().int().min(0).optional(),
  previousNodeRun: z.number().int().min(0).optional(),
});

const pairedItemObjectSchema = z.object({
  item: z.number().int().min(0),
  input: z.number().int().min(0).optional(),
  sourceOverwrite: sourceOverwriteSchema.optional(),
});

const pairedItemSchema = z.union([
  z.number().int().min(0),
  pairedItemObjectSchema,
  z.array(pairedItemObjectSchema),
]);

const binaryRefSchema = z.object({
  id: z.string().min(1),
  mimeType: z.string(),
  fileName: z.string().optional(),
  fileExtension: z.string().optional(),
  fileSize: z.number(),
  fileType: z.string().optional(),
});

/** n8n's in-memory binary shape: base64 bytes inline. Stored before the item leaves the node. */
const inlineBinarySchema = z.object({
  data: z.string(),
  mimeType: z.string().optional(),
  fileName: z.string().optional(),
});
export type InlineBinary = z.infer<typeof inlineBinarySchema>;

/** An output item whose inline binary data still has to be stored. */
export interface PendingItem {
  item: Item;
  inline?: Record<string, InlineBinary>;
}

const TEXT = {
  notItems: "Code doesn't return items properly",
  notItemsHint: 'Please return an array of objects, one for each item you would like to output.',
};

function checkTopLevelKeys(node: string, value: Record<string, unknown>, itemIndex: number): void {
  let reserved: string | undefined;
  const unknown: string[] = [];
  for (const key of Object.keys(value)) {
    if (ITEM_KEYS.has(key)) reserved ??= key;
    else unknown.push(key);
  }
  if (unknown.length === 0) return;
  if (reserved !== undefined) {
    throw invalidResult(
      node,
      'Invalid output format',
      `An output item contains the reserved key "${reserved}". To get around this, wrap each item in an object, under a key called "json".`,
      { itemIndex },
    );
  }
  throw invalidResult(
    node,
    `Unknown top-level item key: ${unknown[0]}`,
    'Access the properties of an item under `.json`, e.g. `item.json`',
    { itemIndex },
  );
}

/** n8n's normalizeItems. */
function toItemShapes(node: string, value: Record<string, unknown> | unknown[]): Record<string, unknown>[] {
  if (!Array.isArray(value)) return [value.json ? value : { json: value }];
  const entries = value.filter(isObject);
  if (entries.every((entry) => 'json' in entry)) return entries;
  if (entries.some((entry) => 'json' in entry)) {
    throw invalidResult(
      node,
      'Inconsistent item format',
      'Either every returned item has a "json" key or none does.',
    );
  }
  if (entries.every((entry) => 'binary' in entry)) {
    return entries.map(({ binary, ...json }) => ({ json, binary }));
  }
  return entries.map((json) => ({ json }));
}

function buildItem(node: string, shape: Record<string, unknown>, itemIndex: number): PendingItem {
  const { json, binary } = shape;
  if (!isJsonObject(json)) {
    throw invalidResult(
      node,
      "A 'json' property isn't an object",
      "In the returned data, every key named 'json' must point to an object.",
      { itemIndex },
    );
  }
  const pending: PendingItem = { item: { json } };
  if (binary !== undefined) {
    if (!isObject(binary)) {
      throw invalidResult(
        node,
        "A 'binary' property isn't an object",
        "In the returned data, every key named 'binary' must point to an object.",
        { itemIndex },
      );
    }
    const refs: Record<string, BinaryRef> = {};
    for (const [key, entry] of Object.entries(binary)) {
      const ref = binaryRefSchema.safeParse(entry);
      if (ref.success) {
        refs[key] = ref.data;
        continue;
      }
      const inline = inlineBinarySchema.safeParse(entry);
      if (!inline.success) {
        throw invalidResult(
          node,
          `Binary property "${key}" is not binary data`,
          'Keep binary properties of input items as they are, or set { data: <base64>, mimeType, fileName }.',
          { itemIndex },
        );
      }
      pending.inline ??= {};
      pending.inline[key] = inline.data;
    }
    if (Object.keys(refs).length > 0) pending.item.binary = refs;
  }
  if (shape.pairedItem !== undefined) {
    const paired = pairedItemSchema.safeParse(shape.pairedItem);
    if (paired.success) pending.item.pairedItem = paired.data;
  }
  return pending;
}

/**
 * Every value here came out of `JSON.parse` of what the sandbox sent, so an
 * object is a JSON object all the way down; only the top level needs checking.
 */
function isJsonObject(value: unknown): value is JsonObject {
  return isObject(value);
}

/** Run Once for All Items. `pairs[k]` is the input index output `k` is (by identity), or -1. */
export function normalizeAllItems(
  node: string,
  value: unknown,
  pairs: number[] | null,
  inputCount: number,
): PendingItem[] {
  if (value === null) return [];
  if (typeof value !== 'object' || value === undefined) {
    throw invalidResult(node, TEXT.notItems, TEXT.notItemsHint);
  }
  if (Array.isArray(value)) {
    if (!value.every(isObject)) throw invalidResult(node, TEXT.notItems, TEXT.notItemsHint);
    if (value.some((entry) => Object.keys(entry).some((key) => ITEM_KEYS.has(key)))) {
      for (let index = 0; index < value.length; index++) checkTopLevelKeys(node, value[index], index);
    }
  } else if (!isObject(value)) {
    throw invalidResult(node, TEXT.notItems, TEXT.notItemsHint);
  }
  const items = toItemShapes(node, value).map((shape, index) => buildItem(node, shape, index));
  // n8n's engine pairs unpaired output items when it can tell which input they came from.
  const sameCount = items.length === inputCount;
  for (let k = 0; k < items.length; k++) {
    const item = items[k].item;
    if (item.pairedItem !== undefined) continue;
    const identity = pairs?.[k] ?? -1;
    if (identity >= 0) item.pairedItem = { item: identity };
    else if (inputCount === 1) item.pairedItem = { item: 0 };
    else if (sameCount) item.pairedItem = { item: k };
  }
  return items;
}

/** Run Once for Each Item: one result; `undefined` means the item is dropped (n8n skips falsy results). */
export function normalizeEachItem(node: string, value: unknown, itemIndex: number): PendingItem | undefined {
  if (!value) return undefined;
  if (typeof value !== 'object') {
    throw invalidResult(
      node,
      "Code doesn't return an object",
      `Please return an object representing the output item. ('${String(value)}' was returned instead.)`,
      { itemIndex },
    );
  }
  if (Array.isArray(value)) {
    const first =
      value.length > 0 ? `An array of ${typeof value[0]}s was returned.` : 'An empty array was returned.';
    throw invalidResult(
      node,
      "Code doesn't return a single object",
      `${first} If you need to output multiple items, please use the 'Run Once for All Items' mode instead.`,
      { itemIndex },
    );
  }
  const record = isObject(value) ? value : {};
  let json: unknown = record;
  if ('json' in record) json = record.json;
  else if ('binary' in record) json = {};
  const pending = buildItem(node, { json, binary: record.binary }, itemIndex);
  pending.item.pairedItem = { item: itemIndex } satisfies PairedItem;
  return pending;
}

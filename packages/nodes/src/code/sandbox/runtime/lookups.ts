/**
 * `$('Node')`, `$node`, `$items()`, `$vars`, `$env`, `$prevNode`: answered by
 * the workflow host through the lookup channel. Item-independent answers are
 * cached for the run; `$('Node').item` is fetched for a block of items per
 * round trip.
 */
import { callLookup } from './host.ts';
import { state } from './state.ts';

interface LookupRequest {
  kind: 'node' | 'nodeItems' | 'legacyNode' | 'variable' | 'binaryData';
  name: string;
  member?: string;
  args: unknown[];
  itemIndex: number;
}

interface LookupAnswer {
  ok: boolean;
  json?: string;
  message?: string;
}

const ITEM_BLOCK = 500;
const lookupCache = new Map<string, string>();
const itemBlocks = new Map<string, { start: number; entries: LookupAnswer[] }>();

function toAnswer(answer: unknown): LookupAnswer {
  if (answer === null || typeof answer !== 'object' || !('ok' in answer)) {
    throw new Error('The workflow host gave an invalid answer');
  }
  return {
    ok: answer.ok === true,
    json: 'json' in answer && typeof answer.json === 'string' ? answer.json : undefined,
    message: 'message' in answer && typeof answer.message === 'string' ? answer.message : 'Lookup failed',
  };
}

function parseAnswer(json: string): LookupAnswer {
  return toAnswer(JSON.parse(json));
}

function jsonValue(json: string | undefined): unknown {
  return json === undefined || json === 'undefined' ? undefined : JSON.parse(json);
}

export function lookup(request: LookupRequest): unknown {
  // Only '.item' and legacy '$node' depend on the current item; the rest is the same for the whole run.
  const key =
    request.member === 'item' ||
    request.kind === 'legacyNode' ||
    request.kind === 'nodeItems' ||
    request.kind === 'binaryData'
      ? null
      : JSON.stringify([request.kind, request.name, request.member, request.args]);
  let json = key === null ? undefined : lookupCache.get(key);
  if (json === undefined) {
    const answer = parseAnswer(callLookup(JSON.stringify(request)));
    if (!answer.ok) throw new Error(answer.message);
    json = answer.json ?? 'undefined';
    if (key !== null) lookupCache.set(key, json);
  }
  return jsonValue(json);
}

export function nodeLookup(name: string, member: string, args: unknown[]): unknown {
  return lookup({ kind: 'node', name, member, args, itemIndex: state.index });
}

function pairedItemOf(name: string): unknown {
  const index = state.index;
  let block = itemBlocks.get(name);
  if (!block || index < block.start || index >= block.start + block.entries.length) {
    const count = Math.max(1, Math.min(ITEM_BLOCK, state.items.length - index));
    const entries = lookup({ kind: 'nodeItems', name, args: [index, count], itemIndex: index });
    block = {
      start: index,
      entries: Array.isArray(entries) ? entries.map(toAnswer) : [],
    };
    itemBlocks.set(name, block);
  }
  const entry = block.entries[index - block.start];
  if (!entry) throw new Error(`No paired item for $('${name}')`);
  if (!entry.ok) throw new Error(entry.message);
  return jsonValue(entry.json);
}

const defined = (...args: unknown[]) => args.filter((a) => a !== undefined);

export function nodeAccessor(name: unknown) {
  if (typeof name !== 'string') throw new TypeError("$() needs a node name, e.g. $('HTTP Request')");
  return Object.freeze({
    all: (branchIndex?: number, runIndex?: number) => nodeLookup(name, 'all', defined(branchIndex, runIndex)),
    first: (branchIndex?: number, runIndex?: number) =>
      nodeLookup(name, 'first', defined(branchIndex, runIndex)),
    last: (branchIndex?: number, runIndex?: number) =>
      nodeLookup(name, 'last', defined(branchIndex, runIndex)),
    itemMatching: (itemIndex: number) => nodeLookup(name, 'itemMatching', [itemIndex]),
    pairedItem: (itemIndex?: number) =>
      nodeLookup(name, 'itemMatching', [itemIndex === undefined ? state.index : itemIndex]),
    get item() {
      return pairedItemOf(name);
    },
    get params() {
      return nodeLookup(name, 'params', []);
    },
    get isExecuted() {
      return nodeLookup(name, 'isExecuted', []);
    },
  });
}

export const legacyNodes: object = new Proxy(
  {},
  {
    get(_target, name) {
      if (typeof name !== 'string') return undefined;
      return lookup({ kind: 'legacyNode', name, args: [], itemIndex: state.index });
    },
  },
);

export function variable(name: '$vars' | '$env' | '$prevNode'): unknown {
  return lookup({ kind: 'variable', name, args: [], itemIndex: state.index });
}

/** Legacy `$items()`: this node's input, or another node's output. */
export function legacyItems(name?: string, outputIndex?: number, runIndex?: number): unknown {
  return name === undefined ? state.items : nodeLookup(name, 'all', defined(outputIndex, runIndex));
}

/** `this.helpers.getBinaryDataBuffer(itemIndex, propertyName)`: the bytes as base64 text. */
export function binaryDataBase64(itemIndex: unknown, propertyName: unknown): string {
  const index = itemIndex === undefined ? state.index : itemIndex;
  const name = propertyName === undefined ? 'data' : propertyName;
  if (typeof index !== 'number' || !Number.isInteger(index) || index < 0) {
    throw new Error('getBinaryDataBuffer: the item index must be a whole number from 0');
  }
  if (typeof name !== 'string') throw new Error('getBinaryDataBuffer: the property name must be text');
  const data = lookup({ kind: 'binaryData', name, args: [index], itemIndex: state.index });
  if (typeof data !== 'string') throw new Error('The workflow host gave no binary data');
  return data;
}

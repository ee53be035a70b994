/**
 * JavaScript that runs INSIDE the isolate, once per fresh context. It builds the
 * n8n-style globals (`$input`, `$json`, `$('Node')`, `console`, Luxon, …) and
 * returns `run`, which calls the user's code once, or once per item
 * in a single host→isolate call. `$0` is the bridge to the sandbox process
 * (synchronous: logs, loading Luxon/jmespath), `$1` the lookup channel to the
 * workflow host (`$('Node')`, `$vars`, …), which answers with JSON copies.
 *
 * Kept as plain JS text because it is evaluated inside V8, not imported.
 */
import { BUFFER_SOURCE } from './runtime-buffer-source.ts';
import { WEB_GLOBALS_SOURCE } from './runtime-web-source.ts';

export const USER_CODE_FILENAME = 'guixu-code';

export const RUNTIME_SOURCE = String.raw`
'use strict';
const bridge = $0;
const lookupChannel = $1;
const g = globalThis;
const FILE = 'guixu-code';
const state = { items: [], index: 0, mode: 'runOnceForAllItems', constants: null, luxon: null, jmespath: null };
const lookupCache = new Map();
let logCount = 0;
const MAX_LOGS = 1000;
const MAX_LOG_LENGTH = 10000;

// Libraries the host ran before this runtime (it saw their names in the code) are taken now;
// others are loaded through the bridge on first use.
const preloaded = {};
for (const name of ['luxon', 'jmespath']) {
  const key = '__guixuLoaded_' + name;
  if (key in g) {
    preloaded[name] = g[key];
    delete g[key];
  }
}
function load(name) {
  if (preloaded[name]) return preloaded[name];
  bridge.applySync(undefined, ['load', name]);
  const key = '__guixuLoaded_' + name;
  const value = g[key];
  delete g[key];
  return value;
}
function luxon() {
  if (!state.luxon) {
    state.luxon = load('luxon');
    const zone = state.constants && state.constants.timezone;
    if (zone) state.luxon.Settings.defaultZone = zone;
  }
  return state.luxon;
}
function jmespath() {
  if (!state.jmespath) state.jmespath = load('jmespath');
  return state.jmespath;
}

function inspect(value, depth, seen) {
  if (typeof value === 'string') return depth === 0 ? value : JSON.stringify(value);
  if (value === undefined) return 'undefined';
  if (typeof value === 'function') return '[Function' + (value.name ? ': ' + value.name : ' (anonymous)') + ']';
  if (typeof value === 'bigint') return String(value) + 'n';
  if (typeof value === 'symbol') return String(value);
  if (value === null || typeof value !== 'object') return String(value);
  if (value instanceof Error) return value.stack || String(value);
  if (typeof value.toISO === 'function' && typeof value.isValid === 'boolean') return 'DateTime ' + value.toISO();
  if (value instanceof Date) return value.toISOString();
  if (seen.includes(value)) return '[Circular]';
  if (depth > 4) return Array.isArray(value) ? '[Array]' : '[Object]';
  const next = seen.concat([value]);
  if (Array.isArray(value)) return '[' + value.map((v) => inspect(v, depth + 1, next)).join(', ') + ']';
  const parts = Object.keys(value).map((k) => JSON.stringify(k) + ': ' + inspect(value[k], depth + 1, next));
  return '{' + parts.join(', ') + '}';
}
function makeLogger(level) {
  return function () {
    if (logCount > MAX_LOGS) return;
    logCount++;
    let message;
    if (logCount > MAX_LOGS) message = 'Console output limit reached (' + MAX_LOGS + ' lines); further output dropped';
    else {
      message = Array.prototype.map.call(arguments, (a) => inspect(a, 0, [])).join(' ');
      if (message.length > MAX_LOG_LENGTH) message = message.slice(0, MAX_LOG_LENGTH) + '… (truncated)';
    }
    bridge.applySync(undefined, ['log', level, message]);
  };
}
const consoleObject = Object.freeze({
  log: makeLogger('info'),
  info: makeLogger('info'),
  debug: makeLogger('debug'),
  warn: makeLogger('warn'),
  error: makeLogger('error'),
});

function lookup(request) {
  // Only '.item' and legacy '$node' depend on the current item; the rest is the same for the whole run.
  const key = request.member === 'item' || request.kind === 'legacyNode' || request.kind === 'nodeItems'
    ? null
    : JSON.stringify([request.kind, request.name, request.member, request.args]);
  let json = key === null ? undefined : lookupCache.get(key);
  if (json === undefined) {
    const response = JSON.parse(lookupChannel.applySyncPromise(undefined, [JSON.stringify(request)]));
    if (!response.ok) throw new Error(response.message);
    json = response.json;
    if (key !== null) lookupCache.set(key, json);
  }
  return json === 'undefined' ? undefined : JSON.parse(json);
}
function nodeLookup(name, member, args) {
  return lookup({ kind: 'node', name: name, member: member, args: args, itemIndex: state.index });
}
// '$(name).item' is fetched for a block of items at once: one host round trip per block, not per item.
const ITEM_BLOCK = 500;
const itemBlocks = new Map();
function pairedItemOf(name) {
  const index = state.index;
  let block = itemBlocks.get(name);
  if (!block || index < block.start || index >= block.start + block.entries.length) {
    const count = Math.max(1, Math.min(ITEM_BLOCK, state.items.length - index));
    block = { start: index, entries: lookup({ kind: 'nodeItems', name: name, args: [index, count], itemIndex: index }) };
    itemBlocks.set(name, block);
  }
  const entry = block.entries[index - block.start];
  if (!entry.ok) throw new Error(entry.message);
  return entry.json === 'undefined' ? undefined : JSON.parse(entry.json);
}
function nodeAccessor(name) {
  if (typeof name !== 'string') throw new TypeError("$() needs a node name, e.g. $('HTTP Request')");
  return Object.freeze({
    all: (branchIndex, runIndex) => nodeLookup(name, 'all', [branchIndex, runIndex].filter((a) => a !== undefined)),
    first: (branchIndex, runIndex) => nodeLookup(name, 'first', [branchIndex, runIndex].filter((a) => a !== undefined)),
    last: (branchIndex, runIndex) => nodeLookup(name, 'last', [branchIndex, runIndex].filter((a) => a !== undefined)),
    itemMatching: (itemIndex) => nodeLookup(name, 'itemMatching', [itemIndex]),
    pairedItem: (itemIndex) => nodeLookup(name, 'itemMatching', [itemIndex === undefined ? state.index : itemIndex]),
    get item() { return pairedItemOf(name); },
    get params() { return nodeLookup(name, 'params', []); },
    get isExecuted() { return nodeLookup(name, 'isExecuted', []); },
  });
}
const legacyNodes = new Proxy({}, {
  get(_target, name) {
    if (typeof name !== 'string') return undefined;
    return lookup({ kind: 'legacyNode', name: name, args: [], itemIndex: state.index });
  },
});

function currentItem() { return state.items[state.index]; }
const input = Object.freeze({
  all: () => state.items,
  first: () => state.items[0],
  last: () => state.items[state.items.length - 1],
  itemMatching: (index) => state.items[index],
  get item() { return currentItem(); },
  get context() { return { noItemsLeft: false }; },
});
function isEmpty(value) {
  if (value === undefined || value === null || value === '') return true;
  if (Array.isArray(value)) return value.length === 0;
  if (typeof value === 'object') return Object.keys(value).length === 0;
  return false;
}

function define(name, get) {
  Object.defineProperty(g, name, { get: get, configurable: true, enumerable: false });
}
function defineValue(name, value) {
  Object.defineProperty(g, name, { value: value, writable: true, configurable: true, enumerable: false });
}
defineValue('console', consoleObject);
defineValue('$', nodeAccessor);
defineValue('$input', input);
defineValue('$node', legacyNodes);
defineValue('$items', (name, outputIndex, runIndex) =>
  name === undefined ? state.items : nodeLookup(name, 'all', [outputIndex, runIndex].filter((a) => a !== undefined)),
);
defineValue('$jmespath', (data, expression) => jmespath().search(data, expression));
defineValue('$if', (condition, whenTrue, whenFalse) => (condition ? whenTrue : whenFalse));
defineValue('$ifEmpty', (value, fallback) => (isEmpty(value) ? fallback : value));
defineValue('$max', (...values) => Math.max(...values));
defineValue('$min', (...values) => Math.min(...values));
define('$json', () => { const item = currentItem(); return item ? item.json : undefined; });
define('$binary', () => { const item = currentItem(); return (item && item.binary) || {}; });
define('$itemIndex', () => state.index);
define('$runIndex', () => state.constants.runIndex);
define('$workflow', () => state.constants.workflow);
define('$execution', () => state.constants.execution);
define('$vars', () => lookup({ kind: 'variable', name: '$vars', args: [], itemIndex: state.index }));
define('$env', () => lookup({ kind: 'variable', name: '$env', args: [], itemIndex: state.index }));
define('$prevNode', () => lookup({ kind: 'variable', name: '$prevNode', args: [], itemIndex: state.index }));
define('$now', () => luxon().DateTime.now());
define('$today', () => luxon().DateTime.now().startOf('day'));
define('DateTime', () => luxon().DateTime);
define('Duration', () => luxon().Duration);
define('Interval', () => luxon().Interval);

function userFrame(stack) {
  const lines = String(stack || '').split('\n');
  for (const line of lines) {
    const match = line.match(/guixu-code:(\d+):(\d+)/);
    if (match) return { line: Number(match[1]), column: Number(match[2]) };
  }
  return null;
}
function describeError(error) {
  if (error && typeof error === 'object' && typeof error.message === 'string') {
    const frame = userFrame(error.stack);
    const out = { message: error.message, name: typeof error.name === 'string' ? error.name : 'Error' };
    if (frame) { out.line = frame.line; out.column = frame.column; }
    return out;
  }
  let message;
  try { message = typeof error === 'string' ? error : JSON.stringify(error); } catch (_) { message = String(error); }
  return { message: message === undefined ? String(error) : message, name: 'Error' };
}
function serialize(payload) {
  try {
    return JSON.stringify(payload);
  } catch (error) {
    const reason = error && error.message ? error.message : String(error);
    return { failed: 'The returned data cannot be converted to JSON: ' + reason };
  }
}
function isThenable(value) {
  return value !== null && (typeof value === 'object' || typeof value === 'function') && typeof value.then === 'function';
}
function identityPairs(value) {
  if (!Array.isArray(value) || value.length === 0) return null;
  const index = new Map();
  state.items.forEach((item, i) => {
    if (!index.has(item)) index.set(item, i);
    if (item && item.json && !index.has(item.json)) index.set(item.json, i);
  });
  return value.map((entry) => {
    if (entry === null || typeof entry !== 'object') return -1;
    let found = index.get(entry);
    if (found === undefined && entry.json && typeof entry.json === 'object') found = index.get(entry.json);
    return found === undefined ? -1 : found;
  });
}

async function runAll(fn) {
  state.index = 0;
  let value;
  try {
    value = fn();
    if (isThenable(value)) value = await Promise.race([value, timerFailure]);
  } catch (error) {
    return JSON.stringify({ mode: 'all', error: describeError(error) });
  }
  const out = serialize({ mode: 'all', value: value, pairs: identityPairs(value) });
  if (typeof out === 'string') return out;
  return JSON.stringify({ mode: 'all', error: { message: out.failed, name: 'Error' } });
}

async function runEach(fn, continueOnFail) {
  const results = [];
  for (let i = 0; i < state.items.length; i++) {
    state.index = i;
    try {
      let value = fn();
      if (isThenable(value)) value = await Promise.race([value, timerFailure]);
      results.push({ value: value });
    } catch (error) {
      results.push({ error: describeError(error) });
      if (!continueOnFail) break;
    }
  }
  const out = serialize({ mode: 'each', results: results });
  if (typeof out === 'string') return out;
  // Find the item whose value cannot be serialised and report only that one.
  return JSON.stringify({
    mode: 'each',
    results: results.map((entry, i) => {
      if ('error' in entry) return entry;
      try {
        JSON.stringify(entry.value);
        return entry;
      } catch (error) {
        return { error: { message: 'The returned data cannot be converted to JSON: ' + error.message + ' [item ' + i + ']', name: 'Error' } };
      }
    }),
  });
}

${WEB_GLOBALS_SOURCE}
${BUFFER_SOURCE}

function run(factory, itemsJson, constantsJson, mode, continueOnFail) {
  state.items = JSON.parse(itemsJson);
  state.constants = JSON.parse(constantsJson);
  state.mode = mode;
  if (mode === 'runOnceForAllItems') defineValue('items', state.items);
  else define('item', currentItem);
  const fn = factory();
  return mode === 'runOnceForAllItems' ? runAll(fn) : runEach(fn, continueOnFail);
}
return { run: run, fireTimer: fireTimer };
`;

/** Wraps user code so line 1 of the user's code is line 1 in stack traces (`lineOffset: -1`). */
export function wrapUserCode(code: string): string {
  const isAsync = /\bawait\b/.test(code);
  return `(function () { return ${isAsync ? 'async ' : ''}function () {\n${code}\n}; })`;
}

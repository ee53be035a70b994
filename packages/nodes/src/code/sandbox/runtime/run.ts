/**
 * One run of the user's function: once for all items, or once per item in a
 * single host→isolate call. Returns the result as JSON (`RuntimeResult` in
 * protocol.ts): values, or the user's error with its line in their code.
 */
import { defineGetter, defineValue } from './define-global.ts';
import { currentItem, type RunConstants, type RuntimeItem, state } from './state.ts';
import { timerFailure } from './timers.ts';

export type CodeMode = 'runOnceForAllItems' | 'runOnceForEachItem';
type UserFunction = () => unknown;

interface UserError {
  message: string;
  name: string;
  line?: number;
  column?: number;
}

function userFrame(stack: unknown): { line: number; column: number } | null {
  for (const line of String(stack || '').split('\n')) {
    const match = line.match(/guixu-code:(\d+):(\d+)/);
    if (match) return { line: Number(match[1]), column: Number(match[2]) };
  }
  return null;
}

function describeError(error: unknown): UserError {
  if (error && typeof error === 'object' && 'message' in error && typeof error.message === 'string') {
    const frame = userFrame('stack' in error ? error.stack : undefined);
    const name = 'name' in error && typeof error.name === 'string' ? error.name : 'Error';
    return frame ? { message: error.message, name, ...frame } : { message: error.message, name };
  }
  let message: string | undefined;
  try {
    message = typeof error === 'string' ? error : JSON.stringify(error);
  } catch {
    message = String(error);
  }
  return { message: message === undefined ? String(error) : message, name: 'Error' };
}

function serialize(payload: unknown): { json: string } | { failed: string } {
  try {
    return { json: JSON.stringify(payload) };
  } catch (error) {
    return { failed: `The returned data cannot be converted to JSON: ${describeError(error).message}` };
  }
}

function isThenable(value: unknown): value is PromiseLike<unknown> {
  return (
    value !== null &&
    (typeof value === 'object' || typeof value === 'function') &&
    'then' in value &&
    typeof value.then === 'function'
  );
}

/** Which input item each returned entry *is* (by identity), so the host can pair it. */
function identityPairs(value: unknown): number[] | null {
  if (!Array.isArray(value) || value.length === 0) return null;
  const index = new Map<unknown, number>();
  state.items.forEach((item, i) => {
    if (!index.has(item)) index.set(item, i);
    if (item?.json && !index.has(item.json)) index.set(item.json, i);
  });
  return value.map((entry: unknown) => {
    if (entry === null || typeof entry !== 'object') return -1;
    let found = index.get(entry);
    if (found === undefined && 'json' in entry && entry.json && typeof entry.json === 'object') {
      found = index.get(entry.json);
    }
    return found === undefined ? -1 : found;
  });
}

async function settle(value: unknown): Promise<unknown> {
  return isThenable(value) ? Promise.race([value, timerFailure]) : value;
}

async function runAll(fn: UserFunction): Promise<string> {
  state.index = 0;
  let value: unknown;
  try {
    value = await settle(fn());
  } catch (error) {
    return JSON.stringify({ mode: 'all', error: describeError(error) });
  }
  const out = serialize({
    mode: 'all',
    value,
    pairs: identityPairs(value),
    staticData: state.constants.staticData,
  });
  if ('json' in out) return out.json;
  return JSON.stringify({ mode: 'all', error: { message: out.failed, name: 'Error' } });
}

type EachResult = { value: unknown } | { error: UserError };

async function runEach(fn: UserFunction, continueOnFail: boolean): Promise<string> {
  const results: EachResult[] = [];
  for (let i = 0; i < state.items.length; i++) {
    state.index = i;
    try {
      results.push({ value: await settle(fn()) });
    } catch (error) {
      results.push({ error: describeError(error) });
      if (!continueOnFail) break;
    }
  }
  const out = serialize({ mode: 'each', results, staticData: state.constants.staticData });
  if ('json' in out) return out.json;
  // Find the item whose value cannot be serialised and report only that one.
  return JSON.stringify({
    mode: 'each',
    staticData: state.constants.staticData,
    results: results.map((entry, i): EachResult => {
      if ('error' in entry) return entry;
      const single = serialize(entry.value);
      return 'json' in single ? entry : { error: { message: `${single.failed} [item ${i}]`, name: 'Error' } };
    }),
  });
}

/** `factory` is the compiled user script: it returns the user's function. */
export function run(
  factory: () => UserFunction,
  itemsJson: string,
  constantsJson: string,
  mode: CodeMode,
  continueOnFail: boolean,
): Promise<string> {
  // Both come from the sandbox process, which serialised them from validated items.
  state.items = JSON.parse(itemsJson) as RuntimeItem[];
  state.constants = JSON.parse(constantsJson) as RunConstants;
  if (mode === 'runOnceForAllItems') defineValue('items', state.items);
  else defineGetter('item', currentItem);
  const fn = factory();
  return mode === 'runOnceForAllItems' ? runAll(fn) : runEach(fn, continueOnFail);
}

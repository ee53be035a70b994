import { GuixuError, type Item } from '@guixu/core';
import ivm from 'isolated-vm';

const MEMORY_LIMIT_MB = 64;
const DEFAULT_TIME_LIMIT_MS = 10_000;

/** The same wall-clock limit setting as the Code node, read per run. */
function timeLimitMs(): number {
  const configured = Number(process.env.GUIXU_CODE_TIMEOUT_MS);
  return Number.isFinite(configured) && configured > 0 ? configured : DEFAULT_TIME_LIMIT_MS;
}
const RETURNS = /\breturn\b/;

function isIndexList(value: unknown, length: number): value is number[] {
  return Array.isArray(value) && value.length === length && value.every((v) => Number.isInteger(v));
}

/**
 * Sorts with a user comparator body (`a` and `b` are items) run inside an
 * isolated-vm isolate, never in the host realm. Only copies of the items go
 * in; only the resulting order (a list of indexes) comes out.
 */
export async function sortByCode(items: readonly Item[], code: string, nodeName: string): Promise<number[]> {
  if (!RETURNS.test(code)) {
    throw new GuixuError(
      'SORT_CODE_NO_RETURN',
      "Sort code doesn't return. Please add a 'return' statement to your code",
      { node: nodeName, parameter: 'code' },
    );
  }
  const limitMs = timeLimitMs();
  const isolate = new ivm.Isolate({ memoryLimit: MEMORY_LIMIT_MB });
  try {
    const context = await isolate.createContext();
    const copies = items.map((item) => ({ json: item.json, binary: item.binary }));
    await context.global.set('items', new ivm.ExternalCopy(copies).copyInto({ release: true }));
    const source = [
      'const compare = (a, b) => {',
      code,
      '};',
      'JSON.stringify(items.map((item, index) => ({ item, index }))',
      '  .sort((x, y) => compare(x.item, y.item)).map((entry) => entry.index));',
    ].join('\n');
    let result: unknown;
    try {
      const script = await isolate.compileScript(source, { filename: 'sort-code.js', lineOffset: -1 });
      result = await script.run(context, { timeout: limitMs });
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      if (/timed out/i.test(message)) {
        throw new GuixuError('SORT_CODE_TIMEOUT', `Sort code did not finish within ${limitMs} ms`, {
          node: nodeName,
          parameter: 'code',
        });
      }
      if (isolate.isDisposed || /memory limit/i.test(message)) {
        throw new GuixuError(
          'SORT_CODE_MEMORY_LIMIT',
          `Sort code used more than ${MEMORY_LIMIT_MB} MB of memory`,
          {
            node: nodeName,
            parameter: 'code',
          },
        );
      }
      throw new GuixuError('SORT_CODE_FAILED', `Sort code failed: ${message}`, {
        node: nodeName,
        parameter: 'code',
      });
    }
    const order: unknown = typeof result === 'string' ? JSON.parse(result) : undefined;
    if (!isIndexList(order, items.length)) {
      throw new GuixuError('SORT_CODE_FAILED', 'Sort code did not produce an order of the items', {
        node: nodeName,
        parameter: 'code',
        audience: 'bug',
      });
    }
    return order;
  } finally {
    if (!isolate.isDisposed) isolate.dispose();
  }
}

import { GuixuError, type Item } from '@guixu/core';
import { sandboxLimits } from '../code/sandbox/config.ts';
import { codeSandbox, type SandboxPool } from '../code/sandbox/sandbox-client.ts';

const RETURNS = /\breturn\b/;

function isIndexList(value: unknown, length: number): value is number[] {
  return Array.isArray(value) && value.length === length && value.every((v) => Number.isInteger(v));
}

function failure(code: string, message: string, nodeName: string): GuixuError {
  return new GuixuError(code, message, { node: nodeName, parameter: 'code' });
}

/**
 * Sorts with a user comparator body (`a` and `b` are items) run in the Code
 * node's sandbox process pool, never in the host: a comparator that exhausts
 * memory kills only a sandbox process. Only copies of the items go in; only the
 * resulting order (a list of indexes) comes out.
 */
export interface SortCodeOptions {
  nodeName: string;
  signal?: AbortSignal;
  /** Who the run is for (sandbox-client.ts shares the pool between tenants). */
  tenant?: string;
  /** The host's pool (`services.codeSandbox`); default the process-wide one. */
  pool?: SandboxPool;
}

export async function sortByCode(
  items: readonly Item[],
  code: string,
  { nodeName, signal, tenant, pool }: SortCodeOptions,
): Promise<number[]> {
  if (!RETURNS.test(code)) {
    throw failure(
      'SORT_CODE_NO_RETURN',
      "Sort code doesn't return. Please add a 'return' statement to your code",
      nodeName,
    );
  }
  const source = [
    'const compare = (a, b) => {',
    code,
    '};',
    'const order = $input.all().map((item, index) => ({ item, index }))',
    '  .sort((x, y) => compare(x.item, y.item)).map((entry) => entry.index);',
    'return [{ json: { order } }];',
  ].join('\n');
  const limits = sandboxLimits();
  const outcome = await (pool ?? codeSandbox()).run({
    job: {
      code: source,
      mode: 'runOnceForAllItems',
      itemsJson: JSON.stringify(items.map((item) => ({ json: item.json, binary: item.binary }))),
      constantsJson: JSON.stringify({
        nodeName,
        runIndex: 0,
        workflow: { name: '', active: false },
        execution: { id: '', mode: 'manual' },
      }),
      continueOnFail: false,
      limits,
    },
    signal,
    tenant,
    onLog: () => {},
    onLookup: () => ({ ok: false, message: 'Sort code cannot read other nodes' }),
  });
  if (outcome.kind === 'failed') {
    const { reason, message } = outcome.failure;
    if (reason === 'timeout')
      throw failure('SORT_CODE_TIMEOUT', `Sort code did not finish within ${limits.timeoutMs} ms`, nodeName);
    if (reason === 'memory')
      throw failure('SORT_CODE_MEMORY_LIMIT', `Sort code used too much memory: ${message}`, nodeName);
    throw failure('SORT_CODE_FAILED', `Sort code failed: ${message}`, nodeName);
  }
  const result = outcome.result;
  if ('error' in result)
    throw failure('SORT_CODE_FAILED', `Sort code failed: ${result.error.message}`, nodeName);
  if (result.mode !== 'all')
    throw failure('SORT_CODE_FAILED', 'Sort code returned an unexpected result', nodeName);
  const value: unknown = result.value;
  const first = Array.isArray(value) ? value[0] : undefined;
  const json = first && typeof first === 'object' && 'json' in first ? first.json : undefined;
  const order = json && typeof json === 'object' && 'order' in json ? json.order : undefined;
  if (!isIndexList(order, items.length)) {
    throw failure('SORT_CODE_FAILED', 'Sort code did not produce an order of the items', nodeName);
  }
  return order;
}

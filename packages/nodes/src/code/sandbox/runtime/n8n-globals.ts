/** The n8n Code node globals: `$input`, `$json`, `$('Node')`, `$now`, `DateTime`, `$jmespath`, … */
import { defineGetter, defineValue } from './define-global.ts';
import { jinja, jmespath, luxon } from './libraries.ts';
import { Buffer } from 'buffer';
import { binaryDataBase64, legacyItems, legacyNodes, nodeAccessor, variable } from './lookups.ts';
import { currentItem, state } from './state.ts';

function isEmpty(value: unknown): boolean {
  if (value === undefined || value === null || value === '') return true;
  if (Array.isArray(value)) return value.length === 0;
  if (typeof value === 'object') return Object.keys(value).length === 0;
  return false;
}

const input = Object.freeze({
  all: () => state.items,
  first: () => state.items[0],
  last: () => state.items[state.items.length - 1],
  itemMatching: (index: number) => state.items[index],
  get item() {
    return currentItem();
  },
  get context() {
    return { noItemsLeft: false };
  },
});

/** n8n's `this.helpers` in the Code node (the code runs as a sloppy function, so `this` is the global). */
const helpers = Object.freeze({
  getBinaryDataBuffer: async (itemIndex?: unknown, propertyName?: unknown) =>
    Buffer.from(binaryDataBase64(itemIndex, propertyName), 'base64'),
});

export function installN8nGlobals(): void {
  defineValue('helpers', helpers);
  defineValue('$getWorkflowStaticData', (type: unknown) => {
    const data = state.constants.staticData;
    if (!data) throw new Error('$getWorkflowStaticData is not available here');
    if (type !== 'global' && type !== 'node') {
      throw new Error(
        `$getWorkflowStaticData: the type must be "global" or "node", got ${JSON.stringify(type)}`,
      );
    }
    return data[type];
  });
  defineValue('$', nodeAccessor);
  defineValue('$input', input);
  defineValue('$node', legacyNodes);
  defineValue('$items', legacyItems);
  defineValue('$jmespath', (data: unknown, expression: unknown) => jmespath().search(data, expression));
  defineValue('$jinja', (template: unknown, context: unknown) =>
    jinja().renderString(
      String(template ?? ''),
      typeof context === 'object' && context !== null ? context : {},
    ),
  );
  defineValue('$if', (condition: unknown, whenTrue: unknown, whenFalse: unknown) =>
    condition ? whenTrue : whenFalse,
  );
  defineValue('$ifEmpty', (value: unknown, fallback: unknown) => (isEmpty(value) ? fallback : value));
  defineValue('$max', (...values: number[]) => Math.max(...values));
  defineValue('$min', (...values: number[]) => Math.min(...values));
  defineGetter('$json', () => currentItem()?.json);
  defineGetter('$binary', () => currentItem()?.binary || {});
  defineGetter('$itemIndex', () => state.index);
  defineGetter('$runIndex', () => state.constants.runIndex);
  defineGetter('$workflow', () => state.constants.workflow);
  defineGetter('$execution', () => state.constants.execution);
  defineGetter('$vars', () => variable('$vars'));
  defineGetter('$env', () => variable('$env'));
  defineGetter('$prevNode', () => variable('$prevNode'));
  defineGetter('$now', () => luxon().DateTime.now());
  defineGetter('$today', () => luxon().DateTime.now().startOf('day'));
  defineGetter('DateTime', () => luxon().DateTime);
  defineGetter('Duration', () => luxon().Duration);
  defineGetter('Interval', () => luxon().Interval);
}

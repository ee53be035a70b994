/** `console.*` inside the isolate: formatted like a short `util.inspect`, sent to the node's logs. */
import { defineValue } from './define-global.ts';
import { callBridge } from './host.ts';

const MAX_LOGS = 1000;
const MAX_LOG_LENGTH = 10_000;
let logCount = 0;

function isDateTime(value: object): value is { toISO(): string } {
  return (
    'toISO' in value &&
    typeof value.toISO === 'function' &&
    'isValid' in value &&
    typeof value.isValid === 'boolean'
  );
}

function inspect(value: unknown, depth: number, seen: readonly unknown[]): string {
  if (typeof value === 'string') return depth === 0 ? value : JSON.stringify(value);
  if (value === undefined) return 'undefined';
  if (typeof value === 'function') return `[Function${value.name ? `: ${value.name}` : ' (anonymous)'}]`;
  if (typeof value === 'bigint') return `${String(value)}n`;
  if (typeof value === 'symbol') return String(value);
  if (value === null || typeof value !== 'object') return String(value);
  if (value instanceof Error) return value.stack || String(value);
  if (isDateTime(value)) return `DateTime ${value.toISO()}`;
  if (value instanceof Date) return value.toISOString();
  if (seen.includes(value)) return '[Circular]';
  if (depth > 4) return Array.isArray(value) ? '[Array]' : '[Object]';
  const next = [...seen, value];
  if (Array.isArray(value)) return `[${value.map((v) => inspect(v, depth + 1, next)).join(', ')}]`;
  const record: Record<string, unknown> = { ...value };
  const parts = Object.keys(record).map(
    (k) => `${JSON.stringify(k)}: ${inspect(record[k], depth + 1, next)}`,
  );
  return `{${parts.join(', ')}}`;
}

function logger(level: 'info' | 'debug' | 'warn' | 'error') {
  return (...args: unknown[]): void => {
    if (logCount > MAX_LOGS) return;
    logCount++;
    let message: string;
    if (logCount > MAX_LOGS) {
      message = `Console output limit reached (${MAX_LOGS} lines); further output dropped`;
    } else {
      message = args.map((a) => inspect(a, 0, [])).join(' ');
      if (message.length > MAX_LOG_LENGTH) message = `${message.slice(0, MAX_LOG_LENGTH)}… (truncated)`;
    }
    callBridge('log', level, message);
  };
}

export function installConsole(): void {
  defineValue(
    'console',
    Object.freeze({
      log: logger('info'),
      info: logger('info'),
      debug: logger('debug'),
      warn: logger('warn'),
      error: logger('error'),
    }),
  );
}

/** n8n number and boolean extension methods. */
import { DateTime } from 'luxon';
import { type ExtensionTable, extensionError } from './util.ts';

export function numberToDateTime(value: number, format: unknown = 'ms'): DateTime {
  if (Number.isNaN(value)) throw extensionError('toDateTime', 'cannot convert NaN to a DateTime');
  switch (format) {
    case 's':
      return DateTime.fromSeconds(value);
    case 'us':
      return DateTime.fromMillis(value / 1000);
    case 'excel':
      // Excel serial days count from 1899-12-30.
      return DateTime.fromMillis(Math.round((value - 25569) * 86_400_000), { zone: 'UTC' });
    case 'ms':
    case undefined:
      return DateTime.fromMillis(value);
    default:
      throw extensionError(
        'toDateTime',
        `unknown format "${String(format)}" (use "ms", "s", "us" or "excel")`,
      );
  }
}

const n = (fn: (value: number, args: unknown[]) => unknown) => fn;

export const numberExtensions: ExtensionTable = {
  round: n((v, [decimals = 0]) => {
    const factor = 10 ** Number(decimals);
    return Math.round(v * factor) / factor;
  }),
  floor: n((v) => Math.floor(v)),
  ceil: n((v) => Math.ceil(v)),
  abs: n((v) => Math.abs(v)),
  isEven: n((v) => {
    if (!Number.isInteger(v)) throw extensionError('isEven', 'only works on integers');
    return v % 2 === 0;
  }),
  isOdd: n((v) => {
    if (!Number.isInteger(v)) throw extensionError('isOdd', 'only works on integers');
    return Math.abs(v % 2) === 1;
  }),
  isInteger: n((v) => Number.isInteger(v)),
  isEmpty: n(() => false),
  isNotEmpty: n(() => true),
  toBoolean: n((v) => v !== 0 && !Number.isNaN(v)),
  toInt: n((v) => Math.trunc(v)),
  toFloat: n((v) => v),
  toNumber: n((v) => v),
  toDateTime: n((v, [format]) => numberToDateTime(v, format)),
  toJsonString: n((v) => JSON.stringify(v)),
  format: n((v, [locale, options]) => {
    try {
      const opts =
        options !== null && typeof options === 'object' ? (options as Intl.NumberFormatOptions) : undefined;
      return new Intl.NumberFormat(locale === undefined ? 'en-US' : String(locale), opts).format(v);
    } catch (error) {
      throw extensionError('format', error instanceof Error ? error.message : String(error));
    }
  }),
};

const b = (fn: (value: boolean, args: unknown[]) => unknown) => fn;

export const booleanExtensions: ExtensionTable = {
  toNumber: b((v) => (v ? 1 : 0)),
  toInt: b((v) => (v ? 1 : 0)),
  toFloat: b((v) => (v ? 1 : 0)),
  toBoolean: b((v) => v),
  isEmpty: b(() => false),
  isNotEmpty: b(() => true),
  toJsonString: b((v) => JSON.stringify(v)),
};

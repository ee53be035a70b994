/** n8n date extension methods, for Luxon DateTime and JS Date values. */
import { DateTime, type DateTimeUnit, type DurationLikeObject, type DurationUnit } from 'luxon';
import { own } from '../owned.ts';
import { stringToDateTime } from './string.ts';
import { type ExtensionTable, extensionError } from './util.ts';

const UNITS: Record<string, keyof DurationLikeObject> = {
  ms: 'milliseconds',
  millisecond: 'milliseconds',
  milliseconds: 'milliseconds',
  s: 'seconds',
  sec: 'seconds',
  second: 'seconds',
  seconds: 'seconds',
  m: 'minutes',
  min: 'minutes',
  minute: 'minutes',
  minutes: 'minutes',
  h: 'hours',
  hour: 'hours',
  hours: 'hours',
  d: 'days',
  day: 'days',
  days: 'days',
  w: 'weeks',
  week: 'weeks',
  weeks: 'weeks',
  M: 'months',
  month: 'months',
  months: 'months',
  q: 'quarters',
  quarter: 'quarters',
  quarters: 'quarters',
  y: 'years',
  year: 'years',
  years: 'years',
};

function unitOf(name: string, unit: unknown, fallback: keyof DurationLikeObject): keyof DurationLikeObject {
  if (unit === undefined) return fallback;
  const found = UNITS[String(unit)];
  if (!found) throw extensionError(name, `unknown unit "${String(unit)}"`);
  return found;
}

export function toDateTime(value: unknown): DateTime {
  if (DateTime.isDateTime(value)) return value;
  if (value instanceof Date) return DateTime.fromJSDate(value);
  if (typeof value === 'string') return stringToDateTime(value);
  if (typeof value === 'number') return DateTime.fromMillis(value);
  throw extensionError('toDateTime', 'expects a date, a DateTime, an ISO string or milliseconds');
}

/** Runs `fn` on a DateTime and gives back the caller's type (Date in, Date out). */
function keepType(value: DateTime | Date, result: unknown): unknown {
  if (value instanceof Date && DateTime.isDateTime(result)) return own(result.toJSDate());
  return result;
}

function shift(name: 'plus' | 'minus', value: DateTime | Date, args: unknown[]): unknown {
  const dt = toDateTime(value);
  if (args.length === 1 && typeof args[0] !== 'number') {
    const arg = args[0];
    const duration = arg !== null && typeof arg === 'object' ? (arg as DurationLikeObject) : undefined;
    if (!duration) throw extensionError(name, 'expects (amount, unit) or a duration object');
    return keepType(value, dt[name](duration));
  }
  const amount = Number(args[0] ?? 0);
  const unit = unitOf(name, args[1], 'minutes');
  return keepType(value, dt[name]({ [unit]: amount }));
}

const PARTS: Record<string, (dt: DateTime) => number> = {
  year: (dt) => dt.year,
  month: (dt) => dt.month,
  week: (dt) => dt.weekNumber,
  weekNumber: (dt) => dt.weekNumber,
  day: (dt) => dt.day,
  hour: (dt) => dt.hour,
  minute: (dt) => dt.minute,
  second: (dt) => dt.second,
  millisecond: (dt) => dt.millisecond,
  weekday: (dt) => dt.weekday,
  quarter: (dt) => dt.quarter,
  dayOfYear: (dt) => dt.ordinal,
  yearDayNumber: (dt) => dt.ordinal,
};

const d = (fn: (value: DateTime | Date, args: unknown[]) => unknown) => fn;

/** Extensions shared by DateTime and Date. `plus`/`minus` with (amount, unit) take precedence over Luxon's own. */
export const dateExtensions: ExtensionTable = {
  format: d((v, [fmt]) => {
    if (typeof fmt !== 'string') throw extensionError('format', 'expects a format string, e.g. "yyyy-MM-dd"');
    return toDateTime(v).toFormat(fmt);
  }),
  plus: d((v, args) => shift('plus', v, args)),
  minus: d((v, args) => shift('minus', v, args)),
  beginningOf: d((v, [unit = 'week']) => {
    const u = unitOf('beginningOf', unit, 'weeks').replace(/s$/, '') as DateTimeUnit;
    return keepType(v, toDateTime(v).startOf(u));
  }),
  endOfMonth: d((v) => keepType(v, toDateTime(v).endOf('month'))),
  extract: d((v, [part = 'week']) => {
    const get = PARTS[String(part)];
    if (!get) throw extensionError('extract', `unknown part "${String(part)}"`);
    return get(toDateTime(v));
  }),
  isWeekend: d((v) => toDateTime(v).weekday >= 6),
  isInLast: d((v, [amount = 0, unit]) => {
    const dt = toDateTime(v);
    const now = DateTime.now();
    return dt <= now && dt >= now.minus({ [unitOf('isInLast', unit, 'minutes')]: Number(amount) });
  }),
  diffTo: d((v, [other, unit = 'days']) => {
    const units = (Array.isArray(unit) ? unit : [unit]).map(
      (u) => unitOf('diffTo', u, 'days') as DurationUnit,
    );
    const diff = toDateTime(v).diff(toDateTime(other), units);
    return units.length > 1 ? own(diff.toObject()) : diff.as(units[0]);
  }),
  isBetween: d((v, [a, b]) => {
    const dt = toDateTime(v);
    const [from, to] = [toDateTime(a), toDateTime(b)].sort((x, y) => x.toMillis() - y.toMillis());
    return dt > from && dt < to;
  }),
  toDateTime: d((v) => toDateTime(v)),
  isEmpty: d(() => false),
  isNotEmpty: d(() => true),
  toJsonString: d((v) => JSON.stringify(v)),
};

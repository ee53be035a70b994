import { GuixuError, isRecord } from '@guixu/core';
import { Cron } from 'croner';
import { DateTime } from 'luxon';

/**
 * Turns Schedule Trigger parameters (n8n's `rule.interval[]`) into cron
 * expressions the server can register. Pure: no timers, no clock.
 *
 * Deliberate deviation from n8n: the second (and, where n8n leaves it unset,
 * the minute/hour) is 0 rather than random, so schedules are predictable.
 */

export type IntervalField = 'seconds' | 'minutes' | 'hours' | 'days' | 'weeks' | 'months' | 'cronExpression';

export interface ScheduleRule {
  /** Cron expression with seconds (6 fields) or as the user wrote it (5 or 6 fields). */
  cron: string;
  /**
   * Every-N-days / every-N-weeks schedules cannot be written in cron: the cron
   * fires on every matching day and the server skips the ones `isRecurrenceDue` rejects.
   */
  recurrence?: { unit: 'days' | 'weeks'; interval: number };
  /** Index in `rule.interval`, so the server can keep per-rule state (last run). */
  index: number;
}

const FIELDS: readonly IntervalField[] = [
  'seconds',
  'minutes',
  'hours',
  'days',
  'weeks',
  'months',
  'cronExpression',
];

type Raw = Record<string, unknown>;

function fail(node: string | undefined, parameter: string, message: string): never {
  throw new GuixuError('SCHEDULE_INVALID', `${message} (${parameter})`, {
    node,
    parameter,
    description: 'Fix the schedule rule in the Schedule Trigger node.',
  });
}

function integer(
  entry: Raw,
  key: string,
  fallback: number,
  min: number,
  max: number,
  at: string,
  node?: string,
) {
  const raw = entry[key];
  if (raw === undefined || raw === null || raw === '') return fallback;
  const value = typeof raw === 'string' ? Number(raw.trim()) : raw;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    fail(
      node,
      `${at}.${key}`,
      `"${key}" must be a whole number from ${min} to ${max}, got ${JSON.stringify(raw)}`,
    );
  }
  return value;
}

function weekdays(entry: Raw, at: string, node?: string): number[] {
  const raw = entry.triggerAtDay ?? [0];
  const list = Array.isArray(raw) ? raw : [raw];
  const days = list.map((d) => (typeof d === 'string' ? Number(d) : d));
  if (days.some((d) => typeof d !== 'number' || !Number.isInteger(d) || d < 0 || d > 6)) {
    fail(
      node,
      `${at}.triggerAtDay`,
      `"triggerAtDay" must list weekdays 0 (Sunday) to 6, got ${JSON.stringify(raw)}`,
    );
  }
  return [...new Set(days as number[])].sort((a, b) => a - b);
}

/** Checks a cron expression (5 or 6 fields) and returns it trimmed. */
export function validateCron(expression: unknown, parameter = 'expression', node?: string): string {
  if (typeof expression !== 'string' || expression.trim() === '') {
    fail(node, parameter, 'The cron expression is empty');
  }
  const text = expression.trim().replace(/\s+/g, ' ');
  const fields = text.split(' ').length;
  if (fields < 5 || fields > 6) {
    fail(node, parameter, `The cron expression "${text}" must have 5 or 6 fields, has ${fields}`);
  }
  try {
    new Cron(text, { paused: true });
  } catch (error) {
    fail(
      node,
      parameter,
      `Invalid cron expression "${text}": ${error instanceof Error ? error.message : error}`,
    );
  }
  return text;
}

function ruleFor(entry: Raw, index: number, node?: string): ScheduleRule {
  const at = `rule.interval[${index}]`;
  const field = entry.field ?? 'days';
  if (typeof field !== 'string' || !FIELDS.includes(field as IntervalField)) {
    fail(node, `${at}.field`, `Unknown interval "${String(field)}" (use one of ${FIELDS.join(', ')})`);
  }
  const num = (key: string, fallback: number, min: number, max: number) =>
    integer(entry, key, fallback, min, max, at, node);
  switch (field as IntervalField) {
    case 'cronExpression':
      return { cron: validateCron(entry.expression, `${at}.expression`, node), index };
    case 'seconds':
      return { cron: `*/${num('secondsInterval', 30, 1, 59)} * * * * *`, index };
    case 'minutes':
      return { cron: `0 */${num('minutesInterval', 5, 1, 59)} * * * *`, index };
    case 'hours': {
      const every = num('hoursInterval', 1, 1, 23);
      return {
        cron: `0 ${num('triggerAtMinute', 0, 0, 59)} ${every === 1 ? '*' : `*/${every}`} * * *`,
        index,
      };
    }
    case 'days': {
      const every = num('daysInterval', 1, 1, 31);
      const cron = `0 ${num('triggerAtMinute', 0, 0, 59)} ${num('triggerAtHour', 0, 0, 23)} * * *`;
      return every === 1 ? { cron, index } : { cron, index, recurrence: { unit: 'days', interval: every } };
    }
    case 'weeks': {
      const every = num('weeksInterval', 1, 1, 52);
      const days = weekdays(entry, at, node).join(',');
      const cron = `0 ${num('triggerAtMinute', 0, 0, 59)} ${num('triggerAtHour', 0, 0, 23)} * * ${days}`;
      return every === 1 ? { cron, index } : { cron, index, recurrence: { unit: 'weeks', interval: every } };
    }
    case 'months': {
      const every = num('monthsInterval', 1, 1, 12);
      const day = num('triggerAtDayOfMonth', 1, 1, 31);
      const month = every === 1 ? '*' : `*/${every}`;
      return {
        cron: `0 ${num('triggerAtMinute', 0, 0, 59)} ${num('triggerAtHour', 0, 0, 23)} ${day} ${month} *`,
        index,
      };
    }
  }
}

/** The schedule of a Schedule Trigger node, from its raw parameters. Throws SCHEDULE_INVALID. */
export function scheduleRules(parameters: Record<string, unknown>, node?: string): ScheduleRule[] {
  const rule = parameters.rule ?? { interval: [{}] };
  const intervals = isRecord(rule) ? rule.interval : undefined;
  if (!Array.isArray(intervals) || intervals.length === 0) {
    fail(node, 'rule.interval', 'The schedule needs at least one trigger rule');
  }
  return intervals.map((entry, index) => {
    if (!isRecord(entry)) fail(node, `rule.interval[${index}]`, 'Each trigger rule must be an object');
    return ruleFor(entry, index, node);
  });
}

/** For every-N-days/weeks rules: whether a cron tick at `now` should start a run, given the last run. */
export function isRecurrenceDue(
  recurrence: ScheduleRule['recurrence'],
  now: Date,
  lastRun: Date | undefined,
  timezone = 'UTC',
): boolean {
  if (!recurrence || !lastRun) return true;
  const a = DateTime.fromJSDate(lastRun, { zone: timezone });
  const b = DateTime.fromJSDate(now, { zone: timezone });
  if (recurrence.unit === 'days') {
    return Math.round(b.startOf('day').diff(a.startOf('day'), 'days').days) >= recurrence.interval;
  }
  const weeks = Math.round(b.startOf('week').diff(a.startOf('week'), 'weeks').weeks);
  // Several weekdays in one rule all fire within the week that is due.
  return weeks === 0 || weeks >= recurrence.interval;
}

/** The item n8n's Schedule Trigger emits for a tick. */
export function scheduleItem(at: Date | number, timezone = 'UTC'): Record<string, string> {
  const t = DateTime.fromMillis(typeof at === 'number' ? at : at.getTime(), { zone: timezone }).setLocale(
    'en-US',
  );
  return {
    timestamp: t.toISO() ?? '',
    'Readable date': `${t.toFormat('MMMM')} ${ordinal(t.day)} ${t.toFormat('yyyy, h:mm:ss a').replace('AM', 'am').replace('PM', 'pm')}`,
    'Readable time': t.toFormat('h:mm:ss a').replace('AM', 'am').replace('PM', 'pm'),
    'Day of week': t.toFormat('cccc'),
    Year: t.toFormat('yyyy'),
    Month: t.toFormat('MMMM'),
    'Day of month': t.toFormat('dd'),
    Hour: t.toFormat('HH'),
    Minute: t.toFormat('mm'),
    Second: t.toFormat('ss'),
    Timezone: `${timezone} (UTC${t.toFormat('ZZ')})`,
  };
}

function ordinal(n: number): string {
  const tens = n % 100;
  if (tens >= 11 && tens <= 13) return `${n}th`;
  return `${n}${['th', 'st', 'nd', 'rd'][n % 10] ?? 'th'}`;
}

/**
 * Date & Time, parameters as n8n Date & Time v2. Deviations: dates come out
 * as ISO 8601 text (what n8n's Luxon values serialize to); without a workflow
 * time zone, UTC is used (n8n falls back to its instance zone); dates without
 * an offset are read in that zone; one `outputFieldName` parameter carries
 * n8n's per-operation defaults; `options.timezone` is a zone name for
 * "Get Current Date" and a flag (or a zone name) for "Format a Date"; "Round
 * Up" accepts every unit, not only months.
 */
import { defineNode, type JsonObject, type JsonValue } from '@guixu/core';
import { DateTime, type DateTimeUnit, type DurationUnit } from 'luxon';
import { mapItems } from '../shared/item-errors.ts';
import { dateTimeParams } from './date-time-params.ts';
import { checkZone, parseDate } from './parse-date.ts';

const DEFAULT_OUTPUT: Record<string, string> = {
  getCurrentDate: 'currentDate',
  addToDate: 'newDate',
  subtractFromDate: 'newDate',
  formatDate: 'formattedDate',
  roundDate: 'roundedDate',
  getTimeBetweenDates: 'timeDifference',
  extractDate: 'datePart',
};

function iso(date: DateTime): string {
  return date.toISO() ?? date.toString();
}

export default defineNode({
  type: 'guixu.dateTime',
  version: 1,
  displayName: 'Date & Time',
  description: 'Gets, shifts, formats, rounds and compares dates.',
  group: 'data',
  icon: 'calendar-clock',
  defaultName: 'Date & Time',
  inputs: ['main'],
  outputs: ['main'],
  docs: [
    'One operation per node, on each item: get the current date (optionally at midnight), add or',
    'subtract a duration, format a date (preset or custom Luxon tokens, Unix seconds `X` or ms `x`),',
    'round down to the start of a unit or up to the start of the next, get the time between two',
    'dates in chosen units (object or ISO duration), or extract a part (year, month, week, day…).',
    'Dates may be ISO text, RFC 2822/HTTP/SQL dates, Unix timestamps, or any format given in',
    '"From Date Format". The result goes to "Output Field Name"; the input fields are kept with',
    '"Include Input Fields". The workflow time zone (settings) applies unless the option overrides it.',
  ].join('\n'),
  params: dateTimeParams,
  run(ctx) {
    const workflowZone = checkZone(
      ctx.timezone || ctx.workflow.settings?.timezone || 'UTC',
      'settings.timezone',
      ctx.node.name,
    );
    const output = mapItems(ctx, (item, i) => {
      const params = ctx.params(i);
      const { operation, options } = params;
      const read = (value: unknown, parameter: string, zone = workflowZone, fromFormat?: string) =>
        parseDate(value, { zone, fromFormat: fromFormat || undefined, parameter, itemIndex: i });
      let result: JsonValue;
      switch (operation) {
        case 'getCurrentDate': {
          const zone =
            typeof options.timezone === 'string' && options.timezone !== ''
              ? checkZone(options.timezone, 'options.timezone')
              : workflowZone;
          const now = DateTime.fromMillis(ctx.now(), { zone });
          result = iso(params.includeTime ? now : now.startOf('day'));
          break;
        }
        case 'addToDate':
        case 'subtractFromDate': {
          const date = read(params.magnitude, 'magnitude', workflowZone, options.fromFormat);
          const shift = { [params.timeUnit]: params.duration };
          result = iso(operation === 'addToDate' ? date.plus(shift) : date.minus(shift));
          break;
        }
        case 'formatDate': {
          const zone =
            options.timezone === true
              ? workflowZone
              : typeof options.timezone === 'string' && options.timezone !== ''
                ? checkZone(options.timezone, 'options.timezone')
                : workflowZone;
          // Dates without an offset are read in the workflow zone, then shown in the chosen one
          // (n8n v1's "To Timezone").
          const date = read(params.date, 'date', workflowZone, options.fromFormat).setZone(zone);
          const format = params.format === 'custom' ? params.customFormat : params.format;
          // Like n8n, Unix timestamps (`X`, `x`) come out as text too.
          result = date.toFormat(format);
          break;
        }
        case 'roundDate': {
          const date = read(params.date, 'date');
          const unit: DateTimeUnit = params.mode === 'roundDown' ? params.toNearest : params.to;
          result = iso(
            params.mode === 'roundDown' ? date.startOf(unit) : date.plus({ [unit]: 1 }).startOf(unit),
          );
          break;
        }
        case 'getTimeBetweenDates': {
          const start = read(params.startDate, 'startDate');
          const end = read(params.endDate, 'endDate');
          const units: DurationUnit[] = params.units.length > 0 ? params.units : ['day'];
          const duration = end.diff(start, units);
          result = options.isoString ? duration.toISO() : (duration.toObject() as JsonObject);
          break;
        }
        case 'extractDate': {
          const date = read(params.date, 'date');
          result = params.part === 'week' ? date.weekNumber : date.get(params.part);
          break;
        }
      }
      const name = params.outputFieldName || DEFAULT_OUTPUT[operation];
      const json: JsonObject = options.includeInputFields ? { ...item.json } : {};
      Object.defineProperty(json, name, {
        value: result,
        writable: true,
        enumerable: true,
        configurable: true,
      });
      const out = { json, pairedItem: { item: i } };
      return options.includeInputFields && item.binary ? { ...out, binary: item.binary } : out;
    });
    return [output];
  },
});

import { p } from '@guixu/core';
import { z } from 'zod';

const on = (...operation: string[]) => ({ show: { operation } });

/** A date as text, a timestamp, or a date object from an expression (`{{ $now }}`). */
function dateParam(label: string, description: string, operations: string[], required = false) {
  return p.custom<unknown>({
    kind: 'string',
    label,
    description,
    default: '',
    required,
    schema: z.unknown(),
    displayOptions: on(...operations),
  });
}

const UNITS = [
  { value: 'year', label: 'Year' },
  { value: 'month', label: 'Month' },
  { value: 'week', label: 'Week' },
  { value: 'day', label: 'Day' },
  { value: 'hour', label: 'Hour' },
  { value: 'minute', label: 'Minute' },
  { value: 'second', label: 'Second' },
] as const;

/** Date & Time parameters, named and nested as in n8n Date & Time v2. */
export const dateTimeParams = {
  operation: p.options({
    label: 'Operation',
    options: [
      { value: 'addToDate', label: 'Add to a Date' },
      { value: 'extractDate', label: 'Extract Part of a Date' },
      { value: 'formatDate', label: 'Format a Date' },
      { value: 'getCurrentDate', label: 'Get Current Date' },
      { value: 'getTimeBetweenDates', label: 'Get Time Between Dates' },
      { value: 'roundDate', label: 'Round a Date' },
      { value: 'subtractFromDate', label: 'Subtract From a Date' },
    ],
    default: 'getCurrentDate',
  }),
  includeTime: p.boolean({
    label: 'Include Current Time',
    description: 'When deactivated, the time is set to midnight.',
    default: true,
    displayOptions: on('getCurrentDate'),
  }),
  magnitude: dateParam('Date', 'The date that you want to change.', ['addToDate', 'subtractFromDate'], true),
  timeUnit: p.options({
    label: 'Time Unit',
    description: 'Time unit for the Duration parameter.',
    options: [
      { value: 'years', label: 'Years' },
      { value: 'quarters', label: 'Quarters' },
      { value: 'months', label: 'Months' },
      { value: 'weeks', label: 'Weeks' },
      { value: 'days', label: 'Days' },
      { value: 'hours', label: 'Hours' },
      { value: 'minutes', label: 'Minutes' },
      { value: 'seconds', label: 'Seconds' },
      { value: 'milliseconds', label: 'Milliseconds' },
    ],
    default: 'days',
    displayOptions: on('addToDate', 'subtractFromDate'),
  }),
  duration: p.number({
    label: 'Duration',
    description: 'The number of time units to add to or subtract from the date.',
    default: 0,
    displayOptions: on('addToDate', 'subtractFromDate'),
  }),
  date: dateParam(
    'Date',
    'The date to work on (ISO text, Unix timestamp, or any format set in "From Date Format").',
    ['formatDate', 'roundDate', 'extractDate'],
  ),
  format: p.options({
    label: 'Format',
    description: 'The format to convert the date to.',
    options: [
      { value: 'custom', label: 'Custom Format' },
      { value: 'MM/dd/yyyy', label: 'MM/DD/YYYY', description: 'Example: 09/04/1986' },
      { value: 'yyyy/MM/dd', label: 'YYYY/MM/DD', description: 'Example: 1986/04/09' },
      { value: 'MMMM dd yyyy', label: 'MMMM DD YYYY', description: 'Example: April 09 1986' },
      { value: 'MM-dd-yyyy', label: 'MM-DD-YYYY', description: 'Example: 09-04-1986' },
      { value: 'yyyy-MM-dd', label: 'YYYY-MM-DD', description: 'Example: 1986-04-09' },
      { value: 'X', label: 'Unix Timestamp', description: 'Example: 1672531200' },
      { value: 'x', label: 'Unix Ms Timestamp', description: 'Example: 1674691200000' },
    ],
    default: 'MM/dd/yyyy',
    displayOptions: on('formatDate'),
  }),
  customFormat: p.string({
    label: 'Custom Format',
    description: 'Luxon format tokens, e.g. yyyy-MM-dd HH:mm.',
    placeholder: 'yyyy-MM-dd',
    displayOptions: { show: { operation: ['formatDate'], format: ['custom'] } },
  }),
  mode: p.options({
    label: 'Mode',
    options: [
      { value: 'roundDown', label: 'Round Down' },
      { value: 'roundUp', label: 'Round Up' },
    ],
    default: 'roundDown',
    displayOptions: on('roundDate'),
  }),
  toNearest: p.options({
    label: 'To Nearest',
    options: UNITS,
    default: 'month',
    displayOptions: { show: { operation: ['roundDate'], mode: ['roundDown'] } },
  }),
  to: p.options({
    label: 'To',
    description:
      'Rounds up to the start of the next unit (End of Month: the first moment of the next month).',
    options: [{ value: 'month', label: 'End of Month' }, ...UNITS.filter((u) => u.value !== 'month')],
    default: 'month',
    displayOptions: { show: { operation: ['roundDate'], mode: ['roundUp'] } },
  }),
  startDate: dateParam('Start Date', 'The earlier date.', ['getTimeBetweenDates']),
  endDate: dateParam('End Date', 'The later date.', ['getTimeBetweenDates']),
  units: p.multiOptions({
    label: 'Units',
    options: [...UNITS, { value: 'millisecond', label: 'Millisecond' }],
    default: ['day'],
    displayOptions: on('getTimeBetweenDates'),
  }),
  part: p.options({
    label: 'Part',
    options: UNITS,
    default: 'month',
    displayOptions: on('extractDate'),
  }),
  outputFieldName: p.string({
    label: 'Output Field Name',
    description:
      'Name of the field to put the output in (default per operation: currentDate, newDate, formattedDate, roundedDate, timeDifference, datePart).',
  }),
  options: p.collection({
    label: 'Options',
    fields: {
      includeInputFields: p.boolean({
        label: 'Include Input Fields',
        description: 'Whether to include all fields of the input item in the output item.',
        default: false,
      }),
      timezone: p.custom<string | boolean>({
        kind: 'string',
        label: 'Timezone',
        description:
          'Get Current Date: the IANA time zone to use (default: the workflow time zone). Format a Date: on (true) to show the date in the workflow time zone, or a time zone name.',
        default: '',
        schema: z.union([z.string(), z.boolean()]),
      }),
      fromFormat: p.string({
        label: 'From Date Format',
        description:
          'Format in which the input date is (Format a Date, Add to / Subtract From a Date), when it is not recognised automatically (Luxon tokens).',
        hint: 'Tokens are case sensitive',
      }),
      isoString: p.boolean({
        label: 'Output as ISO String',
        description:
          'Whether to output the time difference as an ISO 8601 duration (P3DT4H) instead of an object.',
        default: false,
      }),
    },
  }),
};

import { GuixuError } from '@guixu/core';
import { DateTime } from 'luxon';

export interface ParseDateOptions {
  /** IANA zone the result is expressed in (and naive times are read in). */
  zone: string;
  fromFormat?: string;
  parameter: string;
  itemIndex: number;
}

function invalid(value: unknown, options: ParseDateOptions, reason?: string): GuixuError {
  const shown = typeof value === 'string' ? `'${value}'` : (JSON.stringify(value) ?? String(value));
  return new GuixuError(
    'DATE_INVALID',
    `Invalid date ${shown}${reason ? ` (${reason})` : ''} [item ${options.itemIndex}]`,
    {
      parameter: options.parameter,
      details: { itemIndex: options.itemIndex },
      description: options.fromFormat
        ? `The date does not match the "From Date Format" ${options.fromFormat}.`
        : 'Use an ISO 8601 date (2024-05-01T10:00:00Z), a Unix timestamp, or set "From Date Format".',
    },
  );
}

function fromTimestamp(n: number, zone: string): DateTime {
  // n8n: fractions are seconds with milliseconds; fewer than 12 digits are seconds.
  if (!Number.isInteger(n)) return DateTime.fromMillis(Math.round(n * 1000), { zone });
  return String(Math.abs(n)).length < 12
    ? DateTime.fromSeconds(n, { zone })
    : DateTime.fromMillis(n, { zone });
}

function fromText(text: string, zone: string): DateTime {
  const attempts = [
    () => DateTime.fromISO(text, { zone, setZone: false }),
    () => DateTime.fromRFC2822(text, { zone }),
    () => DateTime.fromHTTP(text, { zone }),
    () => DateTime.fromSQL(text, { zone }),
  ];
  for (const attempt of attempts) {
    const parsed = attempt();
    if (parsed.isValid) return parsed;
  }
  // Last resort, like moment(): whatever the JavaScript date parser accepts.
  const millis = Date.parse(text);
  return Number.isNaN(millis) ? DateTime.invalid('unparsable') : DateTime.fromMillis(millis, { zone });
}

/**
 * Reads a date the way n8n's Date & Time node does: Luxon DateTimes and JS
 * Dates as they are, numbers (and numeric text) as Unix seconds or
 * milliseconds, text as ISO / RFC 2822 / HTTP / SQL dates or in an explicit
 * format. The result is expressed in `zone`.
 */
export function parseDate(value: unknown, options: ParseDateOptions): DateTime {
  const { zone } = options;
  let parsed: DateTime;
  if (value === null || value === undefined) throw invalid(value ?? '', options, 'empty');
  if (DateTime.isDateTime(value)) parsed = value.setZone(zone);
  else if (value instanceof Date) parsed = DateTime.fromJSDate(value, { zone });
  else if (typeof value === 'number') parsed = fromTimestamp(value, zone);
  else if (typeof value === 'string') {
    const text = value.trim();
    if (text === '') throw invalid(value, options, 'empty');
    if (options.fromFormat) parsed = DateTime.fromFormat(text, options.fromFormat, { zone });
    else if (!Number.isNaN(Number(text))) parsed = fromTimestamp(Number(text), zone);
    else parsed = fromText(text, zone).setZone(zone);
  } else {
    throw invalid(value, options, 'not a date, number or text');
  }
  if (!parsed.isValid) throw invalid(value, options, parsed.invalidExplanation ?? undefined);
  return parsed;
}

/** Fails with a clear error when `zone` is not an IANA time zone Luxon knows. */
export function checkZone(zone: string, parameter: string, node?: string): string {
  if (!DateTime.now().setZone(zone).isValid) {
    throw new GuixuError(
      'TIMEZONE_INVALID',
      `The timezone ${zone} is not valid. Please check the timezone.`,
      { parameter, node },
    );
  }
  return zone;
}

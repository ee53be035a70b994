import { type MappingContext, record, sameShape, type Translation } from '../mapping.ts';
import { momentToLuxon } from '../moment-format.ts';

/** A moment.js format as Luxon's, with a note on the node for tokens Luxon lacks. */
function luxonFormat(format: string, parameter: string, ctx: MappingContext): string {
  const { format: converted, unsupported } = momentToLuxon(format);
  if (unsupported.length > 0)
    ctx.warn(
      `${parameter} "${format}" uses moment.js tokens with no Luxon equivalent (${unsupported.join(', ')}); they are kept as text`,
    );
  return converted;
}

/**
 * v1 "calculate" reads its date with `new Date(value)`, so a number is milliseconds
 * (the current node reads fewer than 12 digits as seconds): numbers become ISO text,
 * and a `={{ … }}` value turns a number result into a DateTime from milliseconds.
 */
function calculateDate(value: unknown): unknown {
  if (typeof value === 'number') return new Date(value).toISOString();
  if (typeof value !== 'string') return value ?? '';
  const single = /^=\{\{([\s\S]*)\}\}$/.exec(value.trim());
  if (!single || single[1].includes('}}')) return value;
  return `={{ ((v) => typeof v === 'number' ? DateTime.fromMillis(v) : v)(${single[1].trim()}) }}`;
}

/**
 * Date & Time v1 (moment.js) has two actions and keeps the input fields:
 * "format" writes `value` in `toFormat` (moment tokens, default MM/DD/YYYY) to
 * `dataPropertyName` (default `data`); "calculate" adds or subtracts `duration`
 * `timeUnit`s. Both become the current node's operations with Luxon formats and
 * "Include Input Fields" on.
 */
function fromV1(parameters: Record<string, unknown>, ctx: MappingContext): Translation {
  const options = record(parameters.options);
  const outputFieldName =
    typeof parameters.dataPropertyName === 'string' ? parameters.dataPropertyName : 'data';
  const fromFormat =
    typeof options.fromFormat === 'string' && options.fromFormat !== ''
      ? { fromFormat: luxonFormat(options.fromFormat, 'From Format', ctx) }
      : {};
  if (parameters.action === 'calculate') {
    return {
      parameters: {
        operation: parameters.operation === 'subtract' ? 'subtractFromDate' : 'addToDate',
        magnitude: calculateDate(parameters.value),
        duration: parameters.duration ?? 0,
        timeUnit: parameters.timeUnit ?? 'days',
        outputFieldName,
        options: { includeInputFields: true, ...fromFormat },
      },
    };
  }
  const toFormat =
    typeof parameters.toFormat === 'string' && parameters.toFormat !== ''
      ? parameters.toFormat
      : 'MM/DD/YYYY';
  const { fromTimezone, toTimezone } = options;
  if (typeof fromTimezone === 'string' && fromTimezone !== '' && fromTimezone !== toTimezone)
    ctx.warn(
      `"From Timezone" ${fromTimezone} is not kept: dates without an offset are read in the workflow time zone`,
    );
  const timezone = typeof toTimezone === 'string' && toTimezone !== '' ? { timezone: toTimezone } : {};
  return {
    parameters: {
      operation: 'formatDate',
      date: parameters.value ?? '',
      format: 'custom',
      customFormat: luxonFormat(toFormat, 'To Format', ctx),
      outputFieldName,
      options: { includeInputFields: true, ...fromFormat, ...timezone },
    },
  };
}

/** n8n's dateTime v2 is the shape GuixuFlow mirrors; v1 is translated. */
export default sameShape('dateTime', 'guixu.dateTime', 2, (node, ctx) =>
  node.typeVersion < 2 ? fromV1(node.parameters, ctx) : { parameters: { ...node.parameters } },
);

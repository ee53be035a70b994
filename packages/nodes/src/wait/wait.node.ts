import { defineNode, GuixuError, type NodeResult, p, type ResumeReason } from '@guixu/core';
import { DateTime } from 'luxon';
import { z } from 'zod';
import {
  authCredentials,
  authenticationParam,
  httpMethodChoices,
  requestOptionFields,
  responseCodeParam,
  responseModeParam,
} from '../webhook-trigger/webhook-params.ts';

/**
 * Mirrors n8n's Wait v1.1. Never sleeps: every wait suspends the execution
 * (`SuspendRequest`) so the worker is freed; the server resumes it at `until`
 * or when `$execution.resumeUrl` (webhook) or the form is called.
 */

const UNIT_MS = { seconds: 1000, minutes: 60_000, hours: 3_600_000, days: 86_400_000 } as const;
const unitChoices = [
  { value: 'seconds', label: 'Seconds' },
  { value: 'minutes', label: 'Minutes' },
  { value: 'hours', label: 'Hours' },
  { value: 'days', label: 'Days' },
] as const;
/** Accepts what date expressions return (`{{ $now.plus(1, 'day') }}` is a Luxon DateTime). */
const dateSchema = z.preprocess((value) => {
  if (DateTime.isDateTime(value)) return value.toISO() ?? '';
  if (value instanceof Date) return value.toISOString();
  return value === null || value === undefined ? '' : value;
}, z.string());
const dateParam = (
  label: string,
  displayOptions: { show: Record<string, unknown[]> },
  description?: string,
) =>
  p.custom<string>({
    kind: 'dateTime',
    widget: 'datetime',
    label,
    description,
    displayOptions,
    schema: dateSchema,
    default: '',
  });

const external = { show: { resume: ['webhook', 'form'] } };
const onWebhook = { show: { resume: ['webhook'] } };
/** The server's resume route checks these (no HMAC: the resume URL is not signed by a sender). */
const AUTH_KINDS = ['basicAuth', 'headerAuth', 'jwtAuth'] as const;

export default defineNode({
  type: 'guixu.wait',
  version: 1,
  displayName: 'Wait',
  description: 'Pauses the execution for a time, until a date, or until a webhook call or form submission.',
  group: 'flow',
  icon: 'pause-circle',
  defaultName: 'Wait',
  inputs: ['main'],
  outputs: ['main'],
  credentials: authCredentials('incomingAuthentication', AUTH_KINDS, { resume: ['webhook'] }),
  params: {
    resume: p.options({
      label: 'Resume',
      default: 'timeInterval',
      noExpression: true,
      options: [
        {
          value: 'timeInterval',
          label: 'After time interval',
          description: 'Waits for a certain amount of time',
        },
        { value: 'specificTime', label: 'At specified time', description: 'Waits until a date and time' },
        {
          value: 'webhook',
          label: 'On webhook call',
          description: 'Waits for a call to $execution.resumeUrl',
        },
        { value: 'form', label: 'On form submitted', description: 'Waits for a form submission' },
      ],
    }),
    amount: p.number({
      label: 'Wait amount',
      default: 5,
      min: 0,
      displayOptions: { show: { resume: ['timeInterval'] } },
    }),
    unit: p.options({
      label: 'Wait unit',
      default: 'seconds',
      options: unitChoices,
      displayOptions: { show: { resume: ['timeInterval'] } },
    }),
    dateTime: dateParam(
      'Date and time',
      { show: { resume: ['specificTime'] } },
      'When to continue (in the workflow timezone unless the value has an offset)',
    ),
    httpMethod: p.options({
      label: 'HTTP method',
      default: 'GET',
      displayOptions: onWebhook,
      options: httpMethodChoices(),
    }),
    incomingAuthentication: authenticationParam(AUTH_KINDS, onWebhook),
    responseMode: responseModeParam(onWebhook),
    responseCode: responseCodeParam(onWebhook),
    formTitle: p.string({ label: 'Form title', displayOptions: { show: { resume: ['form'] } } }),
    formDescription: p.string({
      label: 'Form description',
      rows: 3,
      displayOptions: { show: { resume: ['form'] } },
    }),
    formFields: p.json({
      label: 'Form fields',
      description:
        'The form fields, as in the Form Trigger (e.g. [{"fieldLabel": "Approved", "fieldType": "dropdown", …}])',
      default: [],
      displayOptions: { show: { resume: ['form'] } },
    }),
    limitWaitTime: p.boolean({
      label: 'Limit wait time',
      description: 'Whether to continue anyway after a time, if nobody called',
      default: false,
      displayOptions: external,
    }),
    limitType: p.options({
      label: 'Limit type',
      default: 'afterTimeInterval',
      displayOptions: { show: { resume: ['webhook', 'form'], limitWaitTime: [true] } },
      options: [
        { value: 'afterTimeInterval', label: 'After time interval' },
        { value: 'atSpecifiedTime', label: 'At specified time' },
      ],
    }),
    resumeAmount: p.number({
      label: 'Amount',
      default: 1,
      min: 0,
      displayOptions: { show: { limitWaitTime: [true], limitType: ['afterTimeInterval'] } },
    }),
    resumeUnit: p.options({
      label: 'Unit',
      default: 'hours',
      options: unitChoices,
      displayOptions: { show: { limitWaitTime: [true], limitType: ['afterTimeInterval'] } },
    }),
    maxDateAndTime: dateParam('Max date and time', {
      show: { limitWaitTime: [true], limitType: ['atSpecifiedTime'] },
    }),
    options: p.collection({
      label: 'Options',
      displayOptions: onWebhook,
      fields: {
        webhookSuffix: p.string({ label: 'Webhook suffix', description: 'Added to the resume URL' }),
        ...requestOptionFields(),
      },
    }),
  },
  docs: `Pauses the execution and frees the worker; the execution is stored and continues later, even after a restart.

- **After time interval** / **At specified time**: continues with the same items.
- **On webhook call**: continues when \`{{ $execution.resumeUrl }}\` is called (send that URL to the system that should answer); the node outputs the call's request item (\`headers\`, \`params\`, \`query\`, \`body\`).
- **On form submitted**: continues when the form is submitted; outputs the answers.

With "Limit wait time", a webhook or form wait gives up after the interval or at the date and continues with the original items.`,
  run(ctx) {
    const params = ctx.params(0);
    const now = ctx.now();
    const zone = ctx.workflow.settings?.timezone ?? 'UTC';
    const iso = (ms: number) => new Date(ms).toISOString();
    const at = (value: string, parameter: string) => {
      const ms = parseDate(value, zone);
      if (ms === undefined) {
        throw new GuixuError('PARAMETER_INVALID', `"${value}" is not a valid date and time`, {
          node: ctx.node.name,
          parameter,
          description: 'Use an ISO date like 2026-05-01T09:30:00, optionally with an offset.',
        });
      }
      return Math.max(ms, now);
    };
    const after = (amount: number, unit: keyof typeof UNIT_MS, parameter: string) => {
      const ms = now + Math.max(0, amount) * UNIT_MS[unit];
      // Beyond ±8.64e15 ms a JavaScript date is invalid (about the year 275760).
      if (!Number.isFinite(ms) || ms > MAX_DATE_MS) {
        throw new GuixuError(
          'PARAMETER_INVALID',
          `Waiting ${amount} ${unit} ends after the last representable date`,
          {
            node: ctx.node.name,
            parameter,
            description:
              'Use a shorter wait; to pause without a time limit, wait for a webhook call instead.',
          },
        );
      }
      return ms;
    };
    if (params.resume === 'timeInterval') {
      return suspend(iso(after(params.amount, params.unit, 'amount')), ['time'], 'timeInterval');
    }
    if (params.resume === 'specificTime')
      return suspend(iso(at(params.dateTime, 'dateTime')), ['time'], 'specificTime');
    const reason: ResumeReason = params.resume === 'form' ? 'form' : 'webhook';
    if (!params.limitWaitTime) return suspend(undefined, [reason], params.resume);
    const limit =
      params.limitType === 'atSpecifiedTime'
        ? at(params.maxDateAndTime, 'maxDateAndTime')
        : after(params.resumeAmount, params.resumeUnit, 'resumeAmount');
    return suspend(iso(limit), [reason, 'time'], params.resume);
  },
  resume(ctx, input) {
    if (input.reason === 'webhook' || input.reason === 'form') return [input.items ?? []];
    return [ctx.items.map((item, index) => ({ ...item, pairedItem: { item: index } }))];
  },
});

const MAX_DATE_MS = 8.64e15;

function suspend(until: string | undefined, resumeOn: ResumeReason[], mode: string): NodeResult {
  return { suspend: { ...(until ? { until } : {}), resumeOn, data: { resume: mode } } };
}

function parseDate(value: string, zone: string): number | undefined {
  const text = value.trim();
  if (text === '') return undefined;
  for (const parse of [DateTime.fromISO, DateTime.fromSQL, DateTime.fromRFC2822, DateTime.fromHTTP]) {
    const d = parse(text, { zone });
    if (d.isValid) return d.toMillis();
  }
  return undefined;
}

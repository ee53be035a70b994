import { defineNode, type Item, p } from '@guixu/core';
import { scheduleItem } from './schedule-rules.ts';

export {
  isRecurrenceDue,
  type ScheduleRule,
  scheduleItem,
  scheduleRules,
  validateCron,
} from './schedule-rules.ts';

const show = (...fields: string[]) => ({ show: { field: fields } });
const hours = Array.from({ length: 24 }, (_, h) => ({
  value: h,
  label: h === 0 ? 'Midnight' : h === 12 ? 'Noon' : h < 12 ? `${h}am` : `${h - 12}pm`,
}));
const weekdays = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'].map(
  (label, value) => ({ value, label }),
);

/** Mirrors n8n's Schedule Trigger v1.2 (`rule.interval[]`). The server reads the schedule with `scheduleRules`. */
export default defineNode({
  type: 'guixu.scheduleTrigger',
  version: 1,
  displayName: 'Schedule Trigger',
  description:
    'Starts the workflow on a schedule: every N seconds/minutes/hours/days/weeks/months or by cron.',
  group: 'trigger',
  icon: 'clock',
  defaultName: 'Schedule Trigger',
  inputs: [],
  outputs: ['main'],
  trigger: { kind: 'schedule' },
  params: {
    rule: p.object({
      label: 'Trigger rules',
      default: {
        interval: [
          {
            field: 'days',
            secondsInterval: 30,
            minutesInterval: 5,
            hoursInterval: 1,
            daysInterval: 1,
            weeksInterval: 1,
            monthsInterval: 1,
            triggerAtDayOfMonth: 1,
            triggerAtDay: [0],
            triggerAtHour: 0,
            triggerAtMinute: 0,
            expression: '',
          },
        ],
      },
      fields: {
        interval: p.list({
          label: 'Trigger interval',
          addLabel: 'Add rule',
          minItems: 1,
          fields: {
            field: p.options({
              label: 'Trigger interval',
              default: 'days',
              options: [
                { value: 'seconds', label: 'Seconds' },
                { value: 'minutes', label: 'Minutes' },
                { value: 'hours', label: 'Hours' },
                { value: 'days', label: 'Days' },
                { value: 'weeks', label: 'Weeks' },
                { value: 'months', label: 'Months' },
                { value: 'cronExpression', label: 'Custom (cron)' },
              ],
            }),
            secondsInterval: p.number({
              label: 'Seconds between triggers',
              default: 30,
              min: 1,
              max: 59,
              integer: true,
              displayOptions: show('seconds'),
            }),
            minutesInterval: p.number({
              label: 'Minutes between triggers',
              default: 5,
              min: 1,
              max: 59,
              integer: true,
              displayOptions: show('minutes'),
            }),
            hoursInterval: p.number({
              label: 'Hours between triggers',
              default: 1,
              min: 1,
              max: 23,
              integer: true,
              displayOptions: show('hours'),
            }),
            daysInterval: p.number({
              label: 'Days between triggers',
              default: 1,
              min: 1,
              max: 31,
              integer: true,
              displayOptions: show('days'),
            }),
            weeksInterval: p.number({
              label: 'Weeks between triggers',
              default: 1,
              min: 1,
              max: 52,
              integer: true,
              displayOptions: show('weeks'),
            }),
            monthsInterval: p.number({
              label: 'Months between triggers',
              default: 1,
              min: 1,
              max: 12,
              integer: true,
              displayOptions: show('months'),
            }),
            triggerAtDayOfMonth: p.number({
              label: 'Trigger at day of month',
              default: 1,
              min: 1,
              max: 31,
              integer: true,
              displayOptions: show('months'),
            }),
            triggerAtDay: p.multiOptions({
              label: 'Trigger on weekdays',
              default: [0],
              options: weekdays,
              displayOptions: show('weeks'),
            }),
            triggerAtHour: p.options({
              label: 'Trigger at hour',
              default: 0,
              options: hours,
              displayOptions: show('days', 'weeks', 'months'),
            }),
            triggerAtMinute: p.number({
              label: 'Trigger at minute',
              default: 0,
              min: 0,
              max: 59,
              integer: true,
              displayOptions: show('hours', 'days', 'weeks', 'months'),
            }),
            expression: p.string({
              label: 'Expression',
              placeholder: 'eg. 0 15 * 1 sun',
              hint: 'Format: [Second] [Minute] [Hour] [Day of Month] [Month] [Day of Week]',
              displayOptions: show('cronExpression'),
            }),
          },
        }),
      },
    }),
  },
  docs: `Starts the workflow at the times the rules describe, in the workflow's timezone (settings → timezone; UTC when unset). Several rules can be combined; each fires on its own.

Each run starts with one item describing the tick: \`timestamp\`, \`Readable date\`, \`Readable time\`, \`Day of week\`, \`Year\`, \`Month\`, \`Day of month\`, \`Hour\`, \`Minute\`, \`Second\`, \`Timezone\`.

Custom rules take a cron expression with 5 fields (minute hour day month weekday) or 6 (with seconds first). Unlike n8n, rules without an explicit minute fire at second 0 rather than a random second.`,
  run(ctx) {
    const given = ctx.items.filter((item) => Object.keys(item.json).length > 0);
    if (given.length > 0) return [given];
    const timezone = ctx.workflow.settings?.timezone ?? 'UTC';
    const item: Item = { json: scheduleItem(ctx.now(), timezone) };
    return [[item]];
  },
});

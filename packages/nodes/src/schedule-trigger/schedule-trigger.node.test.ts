import { type Clock, checkParams, testNode } from '@guixu/core';
import { Cron } from 'croner';
import { describe, expect, it } from 'vitest';
import scheduleTrigger, { isRecurrenceDue, scheduleItem, scheduleRules } from './schedule-trigger.node.ts';

const rules = (...interval: Record<string, unknown>[]) => scheduleRules({ rule: { interval } }, 'Schedule');

function nextRuns(cron: string, from: string, count: number, timezone = 'UTC'): string[] {
  const job = new Cron(cron, { paused: true, timezone });
  return job.nextRuns(count, new Date(from)).map((d) => d.toISOString());
}

describe('scheduleRules', () => {
  it('turns every n8n interval kind into a cron expression', () => {
    expect(
      rules(
        { field: 'seconds', secondsInterval: 10 },
        { field: 'minutes', minutesInterval: 15 },
        { field: 'hours', hoursInterval: 2, triggerAtMinute: 30 },
        { field: 'days', triggerAtHour: 8, triggerAtMinute: 5 },
        { field: 'weeks', triggerAtDay: [5, 1], triggerAtHour: 4, triggerAtMinute: 32 },
        { field: 'months', monthsInterval: 3, triggerAtDayOfMonth: 15, triggerAtHour: 20 },
        { field: 'cronExpression', expression: ' 0 8  * * * ' },
      ).map((r) => r.cron),
    ).toEqual([
      '*/10 * * * * *',
      '0 */15 * * * *',
      '0 30 */2 * * *',
      '0 5 8 * * *',
      '0 32 4 * * 1,5',
      '0 0 20 15 */3 *',
      '0 8 * * *',
    ]);
  });

  it('defaults an empty rule to every day at midnight (n8n `rule.interval: [{}]`)', () => {
    expect(rules({})).toEqual([{ cron: '0 0 0 * * *', index: 0 }]);
    expect(scheduleRules({})).toEqual([{ cron: '0 0 0 * * *', index: 0 }]);
  });

  it('produces cron expressions that fire at the expected times', () => {
    const [weekly] = rules({ field: 'weeks', triggerAtDay: [3], triggerAtHour: 4, triggerAtMinute: 32 });
    expect(nextRuns(weekly.cron, '2024-01-01T00:00:00Z', 2)).toEqual([
      '2024-01-03T04:32:00.000Z',
      '2024-01-10T04:32:00.000Z',
    ]);
    const [daily] = rules({ field: 'days', triggerAtHour: 9 });
    expect(nextRuns(daily.cron, '2024-01-01T00:00:00Z', 1, 'Europe/Berlin')).toEqual([
      '2024-01-01T08:00:00.000Z',
    ]);
  });

  it('marks every-N-days and every-N-weeks rules for recurrence filtering', () => {
    const [days] = rules({ field: 'days', daysInterval: 3 });
    expect(days.recurrence).toEqual({ unit: 'days', interval: 3 });
    const last = new Date('2024-01-01T00:00:00Z');
    expect(isRecurrenceDue(days.recurrence, new Date('2024-01-02T00:00:00Z'), last)).toBe(false);
    expect(isRecurrenceDue(days.recurrence, new Date('2024-01-04T00:00:00Z'), last)).toBe(true);
    expect(isRecurrenceDue(days.recurrence, new Date('2024-01-02T00:00:00Z'), undefined)).toBe(true);
    const [weeks] = rules({ field: 'weeks', weeksInterval: 2, triggerAtDay: [1, 3] });
    const monday = new Date('2024-01-01T00:00:00Z');
    expect(isRecurrenceDue(weeks.recurrence, new Date('2024-01-03T00:00:00Z'), monday)).toBe(true);
    expect(isRecurrenceDue(weeks.recurrence, new Date('2024-01-08T00:00:00Z'), monday)).toBe(false);
    expect(isRecurrenceDue(weeks.recurrence, new Date('2024-01-15T00:00:00Z'), monday)).toBe(true);
  });

  it('rejects bad rules with a precise parameter path', () => {
    const cases: [Record<string, unknown>, string, string][] = [
      [
        { field: 'cronExpression', expression: '61 * * * *' },
        'rule.interval[0].expression',
        'Invalid cron expression',
      ],
      [
        { field: 'cronExpression', expression: '* *' },
        'rule.interval[0].expression',
        'must have 5 or 6 fields',
      ],
      [{ field: 'cronExpression' }, 'rule.interval[0].expression', 'empty'],
      [{ field: 'seconds', secondsInterval: 0 }, 'rule.interval[0].secondsInterval', 'from 1 to 59'],
      [{ field: 'days', triggerAtHour: 24 }, 'rule.interval[0].triggerAtHour', 'from 0 to 23'],
      [{ field: 'weeks', triggerAtDay: [7] }, 'rule.interval[0].triggerAtDay', 'weekdays'],
      [{ field: 'fortnights' }, 'rule.interval[0].field', 'Unknown interval'],
    ];
    for (const [entry, parameter, message] of cases) {
      try {
        rules(entry);
        throw new Error(`accepted ${JSON.stringify(entry)}`);
      } catch (error) {
        expect(error).toMatchObject({ code: 'SCHEDULE_INVALID', parameter, node: 'Schedule' });
        expect((error as Error).message).toContain(message);
      }
    }
    expect(() => scheduleRules({ rule: { interval: [] } })).toThrow('at least one trigger rule');
  });

  it('accepts the n8n fixture shapes', () => {
    expect(
      checkParams(scheduleTrigger.params, { rule: { interval: [{ field: 'minutes', minutesInterval: 1 }] } }),
    ).toEqual([]);
  });
});

describe('Schedule Trigger node', () => {
  it("outputs n8n's tick item built from the clock and the workflow timezone", async () => {
    const clock: Clock = { now: () => Date.parse('2024-03-05T14:07:09Z'), sleep: async () => {} };
    const result = await testNode(scheduleTrigger, {
      items: [],
      clock,
      workflow: { settings: { timezone: 'Europe/Berlin' } },
    });
    expect(result.json).toEqual([
      [
        {
          timestamp: '2024-03-05T15:07:09.000+01:00',
          'Readable date': 'March 5th 2024, 3:07:09 pm',
          'Readable time': '3:07:09 pm',
          'Day of week': 'Tuesday',
          Year: '2024',
          Month: 'March',
          'Day of month': '05',
          Hour: '15',
          Minute: '07',
          Second: '09',
          Timezone: 'Europe/Berlin (UTC+01:00)',
        },
      ],
    ]);
  });

  it('passes through the items the server hands it', async () => {
    const item = scheduleItem(new Date('2024-01-01T00:00:00Z'));
    const result = await testNode(scheduleTrigger, { items: [item] });
    expect(result.json).toEqual([[item]]);
  });
});

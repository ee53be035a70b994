import { entries, type N8nMapping } from '../mapping.ts';

/** Cron's trigger times become Schedule Trigger cron rules (one rule per time). */
function toRule(entry: Record<string, unknown>): Record<string, unknown> {
  const mode = typeof entry.mode === 'string' ? entry.mode : 'everyDay';
  const hour = entry.hour ?? 14;
  const minute = entry.minute ?? 0;
  switch (mode) {
    case 'everyMinute':
      return { field: 'cronExpression', expression: '* * * * *' };
    case 'everyHour':
      return { field: 'cronExpression', expression: `${minute} * * * *` };
    case 'everyDay':
      return { field: 'cronExpression', expression: `${minute} ${hour} * * *` };
    case 'everyWeek':
      return { field: 'cronExpression', expression: `${minute} ${hour} * * ${entry.weekday ?? 1}` };
    case 'everyMonth':
      return { field: 'cronExpression', expression: `${minute} ${hour} ${entry.dayOfMonth ?? 1} * *` };
    case 'everyX': {
      const unit = entry.unit === 'minutes' ? 'minutes' : 'hours';
      const value = typeof entry.value === 'number' ? entry.value : 2;
      if (unit === 'minutes') {
        return value % 60 === 0 && value >= 60
          ? { field: 'hours', hoursInterval: value / 60 }
          : { field: 'minutes', minutesInterval: value };
      }
      // Schedule Trigger caps hour intervals at 23; whole days are a day interval.
      return value >= 24 && value % 24 === 0
        ? { field: 'days', daysInterval: value / 24, triggerAtHour: 0 }
        : { field: 'hours', hoursInterval: value };
    }
    case 'custom':
      return { field: 'cronExpression', expression: String(entry.cronExpression ?? '* * * * *') };
    default:
      throw new Error(`the Cron mode "${mode}" has no equivalent`);
  }
}

const mapping: N8nMapping = {
  n8nTypes: ['n8n-nodes-base.cron'],
  guixuType: 'guixu.scheduleTrigger',
  translate: (node) => {
    const times = entries(node.parameters.triggerTimes, 'item');
    const interval = times.map(toRule);
    return { parameters: { rule: { interval } } };
  },
};
export default mapping;

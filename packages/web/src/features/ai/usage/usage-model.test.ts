import { describe, expect, it } from 'vitest';
import { dailySeries, dayRange, formatCost, layoutUsage } from './usage-model.ts';

describe('the usage page model', () => {
  it('fills the days without calls', () => {
    const days = dayRange('2026-03-02', 3);
    expect(days).toEqual(['2026-02-28', '2026-03-01', '2026-03-02']);
    const series = dailySeries([{ key: '2026-03-01', calls: 2, inputTokens: 30, outputTokens: 10 }], days);
    expect(series.map((d) => d.calls)).toEqual([0, 2, 0]);
  });

  it('stacks input and output tokens under a nice maximum', () => {
    const layout = layoutUsage(
      [
        { day: 'a', calls: 1, inputTokens: 30, outputTokens: 10 },
        { day: 'b', calls: 0, inputTokens: 0, outputTokens: 0 },
      ],
      200,
      100,
    );
    expect(layout.max).toBe(50);
    expect(layout.bars[0]?.segments.map((s) => [s.kind, s.height])).toEqual([
      ['input', 60],
      ['output', 20],
    ]);
    expect(layout.bars[1]?.segments).toEqual([]);
  });

  it('formats cost per currency', () => {
    expect(formatCost({ USD: 0.5 }, 'en')).toBe('$0.50');
    expect(formatCost({}, 'en')).toBe('–');
    expect(formatCost({ USD: 0 }, 'en', true)).toBe('$0.00');
  });
});

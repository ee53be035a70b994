import { describe, expect, it } from 'vitest';
import { layoutChart, niceMax } from './chart-model.ts';

describe('executions chart layout', () => {
  it('rounds the scale up to 1, 2 or 5 × 10^n', () => {
    expect(niceMax(0)).toBe(4);
    expect(niceMax(7)).toBe(10);
    expect(niceMax(11)).toBe(20);
    expect(niceMax(180)).toBe(200);
    expect(niceMax(201)).toBe(500);
    expect(niceMax(1000)).toBe(1000);
  });

  it('stacks succeeded, failed and other from the bottom, proportional to the scale', () => {
    const { bars, max, ticks } = layoutChart(
      [
        { day: '2026-12-01', success: 6, error: 2, other: 0 },
        { day: '2026-12-02', success: 0, error: 0, other: 0 },
      ],
      200,
      100,
    );
    expect(max).toBe(10);
    expect(bars).toHaveLength(2);
    const [first, empty] = bars;
    expect(first?.segments.map((s) => [s.kind, s.y, s.height])).toEqual([
      ['success', 40, 60],
      ['error', 20, 20],
    ]);
    expect(first?.x).toBeCloseTo(15);
    expect(first?.width).toBeCloseTo(70);
    expect(empty?.segments).toEqual([]);
    expect(ticks.map((t) => t.value)).toEqual([0, 5, 10]);
    expect(ticks.at(-1)?.y).toBe(0);
  });

  it('handles no days at all', () => {
    expect(layoutChart([], 100, 50).bars).toEqual([]);
  });
});

/** One day of the executions chart: counts by outcome. */
export interface DayCounts {
  day: string;
  success: number;
  error: number;
  other: number;
}

export interface Bar {
  day: string;
  x: number;
  width: number;
  /** Stacked from the bottom: succeeded, failed, other. */
  segments: { kind: 'success' | 'error' | 'other'; y: number; height: number; count: number }[];
  total: number;
}

export interface ChartLayout {
  bars: Bar[];
  /** Value of the top gridline (a "nice" number ≥ the busiest day). */
  max: number;
  ticks: { value: number; y: number }[];
}

/** The smallest of 1, 2, 5 × 10^n that is ≥ value (at least 4, so an almost empty chart still has gridlines). */
export function niceMax(value: number): number {
  if (value <= 4) return 4;
  const power = 10 ** Math.floor(Math.log10(value));
  for (const step of [1, 2, 5, 10]) if (step * power >= value) return step * power;
  return 10 * power;
}

/**
 * Lays out stacked bars in a `width` × `height` plot area (SVG coordinates,
 * y down). Pure, so the view only draws rectangles.
 */
export function layoutChart(days: readonly DayCounts[], width: number, height: number): ChartLayout {
  const busiest = Math.max(0, ...days.map((d) => d.success + d.error + d.other));
  const max = niceMax(busiest);
  const slot = days.length === 0 ? width : width / days.length;
  const barWidth = Math.max(2, slot * 0.7);
  const scale = (n: number) => (n / max) * height;
  const bars = days.map((d, i) => {
    let top = height;
    const segments: Bar['segments'] = [];
    for (const kind of ['success', 'error', 'other'] as const) {
      const count = d[kind];
      if (count === 0) continue;
      const h = scale(count);
      top -= h;
      segments.push({ kind, y: top, height: h, count });
    }
    return {
      day: d.day,
      x: i * slot + (slot - barWidth) / 2,
      width: barWidth,
      segments,
      total: d.success + d.error + d.other,
    };
  });
  const ticks = [0, 0.5, 1].map((f) => ({ value: Math.round(max * f), y: height - f * height }));
  return { bars, max, ticks };
}

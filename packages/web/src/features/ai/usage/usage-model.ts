import { niceMax } from '../../overview/model/chart-model.ts';

/** One UTC day of model usage. */
export interface UsageDay {
  day: string;
  calls: number;
  inputTokens: number;
  outputTokens: number;
}

export interface UsageBar {
  day: string;
  x: number;
  width: number;
  /** Stacked from the bottom: input tokens, then output tokens. */
  segments: { kind: 'input' | 'output'; y: number; height: number; count: number }[];
  total: number;
}

/** The last `days` UTC days ending at `today` (YYYY-MM-DD), oldest first. */
export function dayRange(today: string, days: number): string[] {
  const end = Date.parse(`${today}T00:00:00Z`);
  return Array.from({ length: days }, (_, i) =>
    new Date(end - (days - 1 - i) * 86_400_000).toISOString().slice(0, 10),
  );
}

/** The report's day rows as a series with every day present (days without calls are zero). */
export function dailySeries(
  rows: readonly { key: string; calls: number; inputTokens: number; outputTokens: number }[],
  days: readonly string[],
): UsageDay[] {
  const byDay = new Map(rows.map((r) => [r.key, r]));
  return days.map((day) => {
    const row = byDay.get(day);
    return {
      day,
      calls: row?.calls ?? 0,
      inputTokens: row?.inputTokens ?? 0,
      outputTokens: row?.outputTokens ?? 0,
    };
  });
}

/** Tokens per day as stacked bars in a `width` × `height` plot (SVG coordinates, y down). */
export function layoutUsage(days: readonly UsageDay[], width: number, height: number) {
  const busiest = Math.max(0, ...days.map((d) => d.inputTokens + d.outputTokens));
  const max = niceMax(busiest);
  const slot = days.length === 0 ? width : width / days.length;
  const barWidth = Math.max(2, slot * 0.7);
  const bars: UsageBar[] = days.map((d, i) => {
    let top = height;
    const segments: UsageBar['segments'] = [];
    for (const [kind, count] of [
      ['input', d.inputTokens],
      ['output', d.outputTokens],
    ] as const) {
      if (count === 0) continue;
      const h = (count / max) * height;
      top -= h;
      segments.push({ kind, y: top, height: h, count });
    }
    return {
      day: d.day,
      x: i * slot + (slot - barWidth) / 2,
      width: barWidth,
      segments,
      total: d.inputTokens + d.outputTokens,
    };
  });
  const ticks = [0, 0.5, 1].map((f) => ({ value: Math.round(max * f), y: height - f * height }));
  return { bars, max, ticks };
}

/** Cost per currency as text, e.g. "$0.12 · ¥3.40"; "–" when nothing was priced. */
export function formatCost(cost: Record<string, number>, locale: string, keepZero = false): string {
  const parts = Object.entries(cost)
    .filter(([, amount]) => keepZero || amount !== 0)
    .map(([currency, amount]) => {
      try {
        return new Intl.NumberFormat(locale, {
          style: 'currency',
          currency,
          maximumFractionDigits: 4,
        }).format(amount);
      } catch {
        return `${amount} ${currency}`;
      }
    });
  return parts.length === 0 ? '–' : parts.join(' · ');
}

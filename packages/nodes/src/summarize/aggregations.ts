/** The Summarize aggregations, computed the way n8n computes them. */
export type AggregationKind =
  | 'append'
  | 'average'
  | 'concatenate'
  | 'count'
  | 'countUnique'
  | 'max'
  | 'min'
  | 'sum';

export interface Aggregation {
  aggregation: AggregationKind;
  field: string;
  includeEmpty?: boolean;
  separateBy?: string;
  customSeparator?: string;
}

const PREFIX: Record<AggregationKind, string> = {
  append: 'appended_',
  average: 'average_',
  concatenate: 'concatenated_',
  count: 'count_',
  countUnique: 'unique_count_',
  max: 'max_',
  min: 'min_',
  sum: 'sum_',
};

/** n8n's output key cleaning: brackets and quotes dropped, spaces and dots become `_`. */
export function cleanKey(key: string): string {
  return key.replace(/[\][" ]/g, (ch) => (ch === ' ' ? '_' : '')).replace(/\./g, '_');
}

/** Output field of an aggregation: `count_field`, `unique_count_field`, `sum_field`… */
export function outputKey(entry: Aggregation): string {
  return cleanKey(`${PREFIX[entry.aggregation]}${entry.field}`);
}

function isEmpty(value: unknown): boolean {
  return value === undefined || value === null || value === '';
}

function extreme(values: readonly unknown[], wantMax: boolean): unknown {
  let best: unknown;
  for (const value of values) {
    if (isEmpty(value)) continue;
    // Same loose comparison as n8n: numbers numerically, strings as text.
    if (
      best === undefined ||
      (wantMax ? (value as number) > (best as number) : (value as number) < (best as number))
    ) {
      best = value;
    }
  }
  return best ?? null;
}

export function aggregate(values: readonly unknown[], entry: Aggregation): unknown {
  const kept = entry.includeEmpty ? values : values.filter((v) => !isEmpty(v));
  switch (entry.aggregation) {
    case 'append':
      return kept.map((v) => (v === undefined ? null : v));
    case 'concatenate': {
      const separator =
        entry.separateBy === 'other' ? (entry.customSeparator ?? '') : (entry.separateBy ?? ',');
      return kept
        .map((v) => (v === undefined ? 'undefined' : typeof v === 'object' ? JSON.stringify(v) : String(v)))
        .join(separator);
    }
    case 'average':
    case 'sum': {
      const numbers = values.filter((v): v is number => typeof v === 'number');
      const total = numbers.reduce((acc, n) => acc + n, 0);
      if (entry.aggregation === 'sum') return total;
      return numbers.length === 0 ? null : total / numbers.length;
    }
    case 'min':
      return extreme(values, false);
    case 'max':
      return extreme(values, true);
    case 'countUnique':
      return new Set(kept).size;
    case 'count':
      return kept.length;
  }
}

/** Columns of a table view: the union of the top-level keys of the first items, in first-seen order. */
export function tableColumns(items: readonly { json: Record<string, unknown> }[], sample = 50): string[] {
  const seen = new Set<string>();
  for (const item of items.slice(0, sample)) for (const key of Object.keys(item.json)) seen.add(key);
  return [...seen];
}

export function cellText(value: unknown): string {
  if (value === undefined) return '';
  if (value === null) return 'null';
  if (typeof value === 'string') return value;
  return JSON.stringify(value);
}

/** Rows to render for a scroll position: only the visible window (plus a margin) is in the DOM. */
export function visibleWindow(options: {
  scrollTop: number;
  height: number;
  rowHeight: number;
  total: number;
  overscan?: number;
}) {
  const overscan = options.overscan ?? 10;
  const start = Math.max(0, Math.floor(options.scrollTop / options.rowHeight) - overscan);
  const end = Math.min(
    options.total,
    Math.ceil((options.scrollTop + options.height) / options.rowHeight) + overscan,
  );
  return { start, end, before: start * options.rowHeight, after: (options.total - end) * options.rowHeight };
}

import { describe, expect, it } from 'vitest';
import { cellText, tableColumns, visibleWindow } from './data-table.ts';

describe('data table', () => {
  it('collects columns in first-seen order and renders cells as text', () => {
    expect(tableColumns([{ json: { a: 1, b: 2 } }, { json: { c: 3, a: 4 } }])).toEqual(['a', 'b', 'c']);
    expect([
      cellText(undefined),
      cellText(null),
      cellText('x'),
      cellText({ y: [1] }),
      cellText(true),
    ]).toEqual(['', 'null', 'x', '{"y":[1]}', 'true']);
  });

  it('renders only the rows in view for 1,000 items', () => {
    const top = visibleWindow({ scrollTop: 0, height: 300, rowHeight: 30, total: 1000 });
    expect(top).toEqual({ start: 0, end: 20, before: 0, after: 980 * 30 });
    const middle = visibleWindow({ scrollTop: 15_000, height: 300, rowHeight: 30, total: 1000 });
    expect(middle.start).toBe(490);
    expect(middle.end).toBe(520);
    expect(middle.before + (middle.end - middle.start) * 30 + middle.after).toBe(30_000);
  });
});

import { describe, expect, it } from 'vitest';
import { auditQuery, emptyFilters, exportUrl } from './audit-filters.ts';

describe('audit filters', () => {
  it('leaves out empty fields', () => {
    expect(auditQuery(emptyFilters())).toEqual({});
    expect(exportUrl(emptyFilters(), 'csv')).toBe('/api/v1/audit/export?format=csv');
  });

  it('covers whole days from the first to the last, in local time', () => {
    const query = auditQuery({
      actorId: 'u1',
      action: ' user.create ',
      resourceType: 'user',
      from: '2026-12-01',
      to: '2026-12-02',
    });
    expect(query.actorId).toBe('u1');
    expect(query.action).toBe('user.create');
    expect(query.resourceType).toBe('user');
    expect(new Date(query.from ?? '').getTime()).toBe(new Date(2026, 11, 1).getTime());
    expect(new Date(query.to ?? '').getTime()).toBe(new Date(2026, 11, 3).getTime() - 1);
  });

  it('exports with the same filters', () => {
    const url = new URL(exportUrl({ ...emptyFilters(), action: 'workflow.update' }, 'json'), 'http://x');
    expect(url.searchParams.get('action')).toBe('workflow.update');
    expect(url.searchParams.get('format')).toBe('json');
  });
});

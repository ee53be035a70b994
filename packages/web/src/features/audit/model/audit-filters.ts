/** The audit page's filter form, as typed in (dates are `YYYY-MM-DD` from date inputs). */
export interface AuditFilterForm {
  /** A user id, or '' for anyone. */
  actorId: string;
  action: string;
  resourceType: string;
  from: string;
  to: string;
}

export const emptyFilters = (): AuditFilterForm => ({
  actorId: '',
  action: '',
  resourceType: '',
  from: '',
  to: '',
});

/**
 * The API query for the form: empty fields left out, `from` at the start of
 * its day and `to` at the end of its day, in the browser's time zone.
 */
export function auditQuery(form: AuditFilterForm): Record<string, string> {
  const query: Record<string, string> = {};
  if (form.actorId) query.actorId = form.actorId;
  if (form.action.trim()) query.action = form.action.trim();
  if (form.resourceType) query.resourceType = form.resourceType;
  if (form.from) query.from = new Date(`${form.from}T00:00:00`).toISOString();
  if (form.to) query.to = new Date(`${form.to}T23:59:59.999`).toISOString();
  return query;
}

/** The export link for the same filters (a GET the browser downloads with its session cookie). */
export function exportUrl(form: AuditFilterForm, format: 'csv' | 'json'): string {
  return `/api/v1/audit/export?${new URLSearchParams({ ...auditQuery(form), format }).toString()}`;
}

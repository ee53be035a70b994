import { randomUUID } from 'node:crypto';
import ICAL from 'ical.js';

/** One iCalendar event (ical.js), as n8n's Convert to ICS builds it from an item. */
export interface EventFields {
  title: string;
  start: string;
  end: string;
  allDay: boolean;
  description?: string;
  location?: string;
  url?: string;
  uid?: string;
  calName?: string;
  status?: string;
  sequence?: number;
  recurrenceRule?: string;
  organizer?: { name?: string; email?: string };
  attendees?: { name?: string; email?: string }[];
}

function when(text: string, allDay: boolean, field: string): ICAL.Time {
  const date = new Date(text);
  if (!text || Number.isNaN(date.getTime())) throw new Error(`"${field}" is not a date: "${text}"`);
  if (allDay) return ICAL.Time.fromDateString(date.toISOString().slice(0, 10));
  return ICAL.Time.fromJSDate(date, true);
}

export function toIcs(event: EventFields): string {
  const calendar = new ICAL.Component(['vcalendar', [], []]);
  calendar.updatePropertyWithValue('prodid', '-//GuixuFlow//Convert to File//EN');
  calendar.updatePropertyWithValue('version', '2.0');
  if (event.calName) calendar.updatePropertyWithValue('x-wr-calname', event.calName);
  const component = new ICAL.Component('vevent');
  const item = new ICAL.Event(component);
  item.uid = event.uid || randomUUID();
  item.summary = event.title;
  item.startDate = when(event.start, event.allDay, 'Start');
  item.endDate = when(event.end, event.allDay, 'End');
  component.updatePropertyWithValue('dtstamp', ICAL.Time.now());
  if (event.description) item.description = event.description;
  if (event.location) item.location = event.location;
  if (event.url) component.updatePropertyWithValue('url', event.url);
  if (event.status) component.updatePropertyWithValue('status', event.status.toUpperCase());
  if (event.sequence !== undefined) component.updatePropertyWithValue('sequence', event.sequence);
  if (event.recurrenceRule)
    component.updatePropertyWithValue(
      'rrule',
      ICAL.Recur.fromString(event.recurrenceRule.replace(/^RRULE:/i, '')),
    );
  if (event.organizer?.email) {
    const organizer = component.addPropertyWithValue('organizer', `mailto:${event.organizer.email}`);
    if (event.organizer.name) organizer.setParameter('cn', event.organizer.name);
  }
  for (const attendee of event.attendees ?? []) {
    if (!attendee.email) continue;
    const property = component.addPropertyWithValue('attendee', `mailto:${attendee.email}`);
    if (attendee.name) property.setParameter('cn', attendee.name);
  }
  calendar.addSubcomponent(component);
  return `${calendar.toString()}\r\n`;
}

import type { JsonObject, JsonValue } from '@guixu/core';
import ICAL from 'ical.js';

/**
 * An iCalendar file (ical.js) as JSON: the calendar's properties and its events,
 * times as ISO text (all-day dates as `YYYY-MM-DD`).
 */
function time(value: ICAL.Time | null | undefined): JsonValue {
  if (!value) return null;
  return value.isDate ? value.toString() : value.toJSDate().toISOString();
}

function props(component: ICAL.Component): JsonObject {
  const out: JsonObject = {};
  for (const property of component.getAllProperties()) {
    const value = property.getFirstValue();
    const text =
      value instanceof ICAL.Time
        ? time(value)
        : value === null || value === undefined
          ? null
          : typeof value === 'object'
            ? String(value)
            : (value as JsonValue);
    const existing = out[property.name];
    if (existing === undefined) out[property.name] = text;
    else out[property.name] = Array.isArray(existing) ? [...existing, text] : [existing, text];
  }
  return out;
}

export function icsContent(text: string): JsonObject {
  const root = new ICAL.Component(ICAL.parse(text));
  const calendar = root.name === 'vcalendar' ? root : root.getFirstSubcomponent('vcalendar');
  if (!calendar) throw new Error('no VCALENDAR in the file');
  const events = calendar.getAllSubcomponents('vevent').map((component) => {
    const event = new ICAL.Event(component);
    return {
      uid: event.uid ?? null,
      summary: event.summary ?? null,
      description: event.description ?? null,
      location: event.location ?? null,
      start: time(event.startDate),
      end: time(event.endDate),
      allDay: event.startDate?.isDate ?? false,
      organizer: event.organizer ?? null,
      attendees: event.attendees.map((a) => String(a.getFirstValue())),
      properties: props(component),
    };
  });
  return { ...props(calendar), events };
}

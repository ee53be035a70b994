import type { JsonObject, JsonValue } from '@guixu/core';

/** A driver value as JSON: dates as ISO text, big integers as text, bytes as Buffer JSON. */
export function jsonValue(value: unknown): JsonValue {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'number') return Number.isFinite(value) ? value : String(value);
  if (typeof value === 'bigint') return value.toString();
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value.toISOString();
  if (Buffer.isBuffer(value)) return { type: 'Buffer', data: [...value] };
  if (Array.isArray(value)) return value.map(jsonValue);
  if (typeof value === 'object') {
    const out: JsonObject = {};
    for (const [key, entry] of Object.entries(value)) out[key] = jsonValue(entry);
    return out;
  }
  return String(value);
}

export function jsonRow(row: Record<string, unknown>): JsonObject {
  const out: JsonObject = {};
  for (const [key, value] of Object.entries(row)) out[key] = jsonValue(value);
  return out;
}

import type { JsonValue } from '@guixu/core';

/** A value the model or a tool produced, as plain JSON for run data (undefined → null, no class instances). */
export function toJson(value: unknown): JsonValue {
  if (value === undefined) return null;
  return JSON.parse(JSON.stringify(value)) as JsonValue;
}

import { isExpression } from './display.ts';
import type { FormField } from './form-field.ts';

export interface FieldIssue {
  key: 'required' | 'notNumber' | 'min' | 'max' | 'integer' | 'invalidJson';
  values?: Record<string, unknown>;
}

/** Inline checks the form can make before a run; the engine still validates the resolved values. */
export function fieldIssue(field: FormField, value: unknown): FieldIssue | null {
  if (isExpression(value)) return null;
  if (field.required && (value === undefined || value === null || value === '')) return { key: 'required' };
  const options = field.typeOptions ?? {};
  if (field.widget === 'number' && value !== undefined && value !== '') {
    const n = typeof value === 'number' ? value : Number(value);
    if (Number.isNaN(n)) return { key: 'notNumber' };
    if (typeof options.min === 'number' && n < options.min)
      return { key: 'min', values: { min: options.min } };
    if (typeof options.max === 'number' && n > options.max)
      return { key: 'max', values: { max: options.max } };
    if (options.integer === true && !Number.isInteger(n)) return { key: 'integer' };
  }
  if (field.widget === 'json' && typeof value === 'string' && value.trim() !== '') {
    try {
      JSON.parse(value);
    } catch {
      return { key: 'invalidJson' };
    }
  }
  return null;
}

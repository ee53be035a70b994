import { type CredentialTypeDefinition, isVisible, type ParamShape, type ParamsOf } from '@guixu/core';
import { z } from 'zod';

export type CredentialDataResult<S extends ParamShape> =
  | { ok: true; data: ParamsOf<S> }
  | { ok: false; message: string };

/**
 * Decrypted credential data checked against its type, with each field's default
 * filled in: the store keeps only what the user entered, so a field left at its
 * default is absent. A required field the chosen options hide is not needed.
 */
export function readCredentialData<S extends ParamShape>(
  type: CredentialTypeDefinition<S>,
  data: Record<string, unknown>,
): CredentialDataResult<S> {
  const shape: Record<string, z.ZodType> = {};
  for (const [key, field] of Object.entries(type.fields)) shape[key] = field.schema.default(field.default);
  const result = z.object(shape).safeParse(data);
  const incomplete = `The ${type.displayName} credential is incomplete`;
  if (!result.success) {
    const issue = result.error.issues[0];
    const field = issue?.path.join('.') ?? '';
    return { ok: false, message: `${incomplete}: field "${field}" ${issue?.message ?? 'is invalid'}` };
  }
  const defaultOf = (name: string) => type.fields[name]?.default;
  for (const [key, field] of Object.entries(type.fields)) {
    if (!isVisible(field.options.displayOptions, result.data, result.data, defaultOf)) continue;
    if (field.options.required && result.data[key] === '') {
      return { ok: false, message: `${incomplete}: field "${key}" (${field.options.label}) is required` };
    }
  }
  // Each field was validated by its own schema above.
  return { ok: true, data: result.data as ParamsOf<S> };
}

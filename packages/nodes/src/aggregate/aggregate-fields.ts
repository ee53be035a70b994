import { GuixuError, type JsonObject } from '@guixu/core';
import { getField, lastFieldKey, setField } from '../shared/field-paths.ts';

export interface FieldToAggregate {
  fieldToAggregate: string;
  renameField: boolean;
  outputFieldName: string;
}

export interface IndividualOptions {
  disableDotNotation: boolean;
  mergeLists: boolean;
  keepMissing: boolean;
}

/** Output field name of each entry; fails when two entries would write the same field. */
export function outputNames(
  fields: readonly FieldToAggregate[],
  options: IndividualOptions,
  node: string,
): string[] {
  const names: string[] = [];
  for (const [k, field] of fields.entries()) {
    const name =
      field.renameField && field.outputFieldName
        ? field.outputFieldName
        : lastFieldKey(field.fieldToAggregate, options.disableDotNotation);
    if (names.includes(name)) {
      throw new GuixuError(
        'AGGREGATE_DUPLICATE_OUTPUT',
        `The '${name}' output field is used more than once`,
        {
          node,
          parameter: `fieldsToAggregate.fieldToAggregate[${k}]`,
          description: 'Please make sure each output field name is unique',
        },
      );
    }
    names.push(name);
  }
  return names;
}

/**
 * Collects each field's values across `items` into a list (n8n's "Individual
 * Fields"): missing and null values are skipped unless `keepMissing`, lists are
 * flattened with `mergeLists`. `seen` records which fields were found at all.
 */
export function aggregateIndividualFields(
  items: readonly JsonObject[],
  fields: readonly FieldToAggregate[],
  names: readonly string[],
  options: IndividualOptions,
  seen: Map<string, boolean>,
): JsonObject {
  const json: Record<string, unknown> = {};
  for (const [k, { fieldToAggregate: path }] of fields.entries()) {
    if (path === '') continue;
    const values: unknown[] = [];
    for (const item of items) {
      let value = getField(item, path, options.disableDotNotation);
      if (value !== undefined) seen.set(path, true);
      else if (!seen.has(path)) seen.set(path, false);
      if (!options.keepMissing) {
        if (Array.isArray(value)) value = value.filter((entry) => entry !== null);
        else if (value === null || value === undefined) continue;
      }
      if (Array.isArray(value) && options.mergeLists) values.push(...value);
      else values.push(value === undefined ? null : value);
    }
    setField(json, names[k], values, options.disableDotNotation);
  }
  return json as JsonObject;
}

export type IncludeFields = 'allFields' | 'specifiedFields' | 'allFieldsExcept';

/** Items' JSON reduced to the chosen top-level fields; items left empty are dropped. */
export function selectTopLevelFields(
  items: readonly JsonObject[],
  include: IncludeFields,
  fields: readonly string[],
): { json: JsonObject; index: number }[] {
  const out: { json: JsonObject; index: number }[] = [];
  for (const [index, item] of items.entries()) {
    if (include === 'allFields' || fields.length === 0) {
      out.push({ json: item, index });
      continue;
    }
    const json: JsonObject = {};
    for (const key of Object.keys(item)) {
      if (fields.includes(key) === (include === 'specifiedFields')) setField(json, key, item[key], true);
    }
    if (Object.keys(json).length > 0) out.push({ json, index });
  }
  return out;
}

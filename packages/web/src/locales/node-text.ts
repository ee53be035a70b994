import type { FormFieldContract, NodeTypeDescription } from '@guixu/api';
import { nodesZhCN } from './nodes-zh-cn.ts';

/**
 * Node types in the UI language. The server describes node types in English (names, descriptions,
 * parameter labels); a table per language, keyed by node type, holds their translations. Only
 * displayed text changes: parameter names, values and defaults are never touched, and anything a
 * table does not hold (a community node, a parameter added later) shows in English.
 */
export interface OptionText {
  label?: string;
  description?: string;
}

export interface ParamText {
  label?: string;
  description?: string;
  placeholder?: string;
  /** By the option's value (`String(value)`): its label, or its label and description. */
  options?: Record<string, string | OptionText>;
}

export interface NodeText {
  displayName?: string;
  description?: string;
  /** By parameter path: `url`, `options.timeout`, `rule.interval.field` (nested fields joined with dots). */
  params?: Record<string, ParamText>;
  /** Port labels (an input's or output's name, e.g. `Chat Model`, `true`), by their English text. */
  ports?: Record<string, string>;
}

export type NodeTextTable = Record<string, NodeText>;

const TABLES: Record<string, NodeTextTable> = { 'zh-CN': nodesZhCN };

type NamedType = Pick<NodeTypeDescription, 'type' | 'displayName' | 'description'>;

/** The table of a locale; none for English (the server's own text). */
export function nodeTextTable(locale: string): NodeTextTable | undefined {
  return TABLES[locale];
}

function textOf(typeName: string, locale: string): NodeText | undefined {
  return TABLES[locale]?.[typeName];
}

export function nodeDisplayName(type: NamedType, locale: string): string {
  return textOf(type.type, locale)?.displayName ?? type.displayName;
}

export function nodeDescription(type: NamedType, locale: string): string {
  return textOf(type.type, locale)?.description ?? type.description;
}

export function nodePortLabel(typeName: string, label: string, locale: string): string {
  return textOf(typeName, locale)?.ports?.[label] ?? label;
}

function localizeList(
  fields: readonly FormFieldContract[],
  params: Record<string, ParamText>,
  prefix: string,
) {
  return fields.map((field): FormFieldContract => {
    const path = prefix + field.name;
    const text = params[path];
    const copy: FormFieldContract = { ...field };
    if (text?.label) copy.label = text.label;
    if (text?.description && field.description !== undefined) copy.description = text.description;
    if (text?.placeholder && field.placeholder !== undefined) copy.placeholder = text.placeholder;
    if (field.options) {
      copy.options = field.options.map((option) => {
        const entry = text?.options?.[String(option.value)];
        if (entry === undefined) return option;
        if (typeof entry === 'string') return { ...option, label: entry };
        return {
          ...option,
          ...(entry.label ? { label: entry.label } : {}),
          ...(entry.description && option.description !== undefined
            ? { description: entry.description }
            : {}),
        };
      });
    }
    if (field.fields) copy.fields = localizeList(field.fields, params, `${path}.`);
    return copy;
  });
}

/** Parameter fields of a node type with their labels, descriptions, placeholders and option labels translated. */
export function localizeFields(
  typeName: string,
  fields: readonly FormFieldContract[],
  locale: string,
): FormFieldContract[] {
  const params = textOf(typeName, locale)?.params;
  return params ? localizeList(fields, params, '') : [...fields];
}

const localized = new WeakMap<NodeTypeDescription, Map<string, NodeTypeDescription>>();

/**
 * A copy of the node type with its displayed text in the locale (the same object when there is
 * nothing to translate), kept per type and locale so that forms keep their fields' identity.
 */
export function localizeNodeType<T extends NodeTypeDescription>(type: T, locale: string): T {
  const text = textOf(type.type, locale);
  if (!text) return type;
  let byLocale = localized.get(type);
  if (!byLocale) {
    byLocale = new Map();
    localized.set(type, byLocale);
  }
  const cached = byLocale.get(locale);
  if (cached) return cached as T;
  const copy: T = {
    ...type,
    displayName: text.displayName ?? type.displayName,
    description: text.description ?? type.description,
    properties: localizeFields(type.type, type.properties, locale),
  };
  byLocale.set(locale, copy);
  return copy;
}

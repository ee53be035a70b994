import type { InjectionKey } from 'vue';

/** One entry of a resource picker (a model, …). */
export interface ResourceOption {
  value: string;
  label: string;
  description?: string;
}

/**
 * Where a resource picker's list comes from: the node panel provides it for the
 * open node (its credential, its workflow). Absent (a form outside a node panel),
 * the picker offers "by id" only.
 */
export interface ResourceOptionsSource {
  /** Why the list cannot be loaded yet (no credential chosen), as an i18n key; null when it can. */
  unavailable(): string | null;
  /** Where lists come from now (the credential id): a change lists again. */
  scope(): string;
  load(list: string, refresh: boolean): Promise<ResourceOption[]>;
}

export const RESOURCE_OPTIONS: InjectionKey<ResourceOptionsSource> = Symbol('resourceOptions');

/** Options whose value or label contains every word of the search, case-insensitively. */
export function filterOptions(options: readonly ResourceOption[], search: string): ResourceOption[] {
  const words = search.toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return [...options];
  return options.filter((o) => {
    const text = `${o.value} ${o.label}`.toLowerCase();
    return words.every((w) => text.includes(w));
  });
}

/** The text a stored resource value stands for: plain text, or the resource-locator shape's `value`. */
export function resourceText(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value !== null && typeof value === 'object' && 'value' in value) {
    const inner = Reflect.get(value, 'value');
    return typeof inner === 'string' ? inner : '';
  }
  return value === undefined || value === null ? '' : String(value);
}

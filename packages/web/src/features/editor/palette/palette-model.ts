import { nodeDescription, nodeDisplayName } from '../../../locales/node-text.ts';
import type { NodeType } from '../model/node-types.ts';

export const GROUP_ORDER = ['trigger', 'flow', 'data', 'action', 'ai'] as const;
const RECENT_KEY = 'guixu.recentNodes';
const RECENT_MAX = 6;

/**
 * Case-insensitive match on name, description and type, in English and in the UI language (a
 * name known in English is found in 简体中文 too); every word must match.
 */
export function searchNodeTypes(list: readonly NodeType[], query: string, locale = 'en'): NodeType[] {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return [...list];
  return list.filter((t) => {
    const text =
      `${t.displayName} ${t.description} ${t.type} ${nodeDisplayName(t, locale)} ${nodeDescription(t, locale)}`.toLowerCase();
    return words.every((w) => text.includes(w));
  });
}

/** Groups in palette order, each sorted by the name shown in the UI language. */
export function groupNodeTypes(
  list: readonly NodeType[],
  locale = 'en',
): { group: string; types: NodeType[] }[] {
  const name = (t: NodeType) => nodeDisplayName(t, locale);
  return GROUP_ORDER.map((group) => ({
    group,
    types: list.filter((t) => t.group === group).sort((a, b) => name(a).localeCompare(name(b), locale)),
  })).filter((g) => g.types.length > 0);
}

export function recentNodeTypes(): string[] {
  try {
    const parsed: unknown = JSON.parse(globalThis.localStorage?.getItem(RECENT_KEY) ?? '[]');
    return Array.isArray(parsed) ? parsed.filter((v): v is string => typeof v === 'string') : [];
  } catch {
    return [];
  }
}

export function rememberNodeType(type: string): void {
  const list = [type, ...recentNodeTypes().filter((t) => t !== type)].slice(0, RECENT_MAX);
  globalThis.localStorage?.setItem(RECENT_KEY, JSON.stringify(list));
}

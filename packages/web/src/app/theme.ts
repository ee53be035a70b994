import { ref } from 'vue';

export type Theme = 'light' | 'dark';
const STORAGE_KEY = 'guixu.theme';

function initialTheme(): Theme {
  const stored = globalThis.localStorage?.getItem(STORAGE_KEY);
  if (stored === 'light' || stored === 'dark') return stored;
  return globalThis.matchMedia?.('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';
}

/** Light or dark, remembered; the stylesheet reads `data-theme` on <html>. */
export const theme = ref<Theme>(initialTheme());

export function applyTheme(value: Theme = theme.value): void {
  theme.value = value;
  document.documentElement.dataset.theme = value;
  globalThis.localStorage?.setItem(STORAGE_KEY, value);
}

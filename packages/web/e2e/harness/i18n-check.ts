import type { Page } from 'playwright-core';
import { en } from '../../src/locales/en.ts';
import { zhCN } from '../../src/locales/zh-cn.ts';

function flatten(value: unknown, out: string[] = []): string[] {
  if (typeof value === 'string') out.push(value);
  else if (value && typeof value === 'object') for (const v of Object.values(value)) flatten(v, out);
  return out;
}

const translated = new Set(flatten(zhCN));
/** English UI strings that must not show once the page is in Chinese (plain ones; interpolated ones are checked by key). */
const ENGLISH = flatten(en).filter(
  (s) => !translated.has(s) && !s.includes('{') && !s.includes('|') && s.length > 2,
);

/**
 * Visible text, placeholders and accessible names on the page that are English
 * UI strings, plus missing keys. Text from the node catalog (marked
 * `data-catalog`: node names, parameter labels) is the server's data, in English.
 */
export async function untranslated(page: Page): Promise<{ missingKeys: string[]; english: string[] }> {
  const found = await page.evaluate(`(() => {
    const texts = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    while (walker.nextNode()) {
      const node = walker.currentNode;
      const el = node.parentElement;
      if (!el || el.closest('.cm-editor, script, style, [aria-hidden="true"], [data-catalog]')) continue;
      if (el.offsetParent === null && getComputedStyle(el).position !== 'fixed') continue;
      const text = node.textContent.trim();
      if (text) texts.push(text);
    }
    for (const el of document.querySelectorAll('[placeholder], [aria-label], [title]')) {
      if (el.closest('[data-catalog]')) continue;
      for (const name of ['placeholder', 'aria-label', 'title']) {
        const v = el.getAttribute(name);
        if (v) texts.push(v.trim());
      }
    }
    return { texts, missing: window.__guixuMissingKeys ?? [] };
  })()`);
  const { texts, missing } = found as { texts: string[]; missing: string[] };
  const english = [...new Set(texts.filter((t) => ENGLISH.includes(t)))];
  return { missingKeys: missing, english };
}

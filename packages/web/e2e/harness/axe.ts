import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

export interface Violation {
  id: string;
  impact: string;
  targets: string[];
}

/** axe-core in the page (evaluated over CDP, so the app's CSP stays strict): serious and critical violations. */
export async function seriousViolations(page: Page): Promise<Violation[]> {
  // Colours are checked as they settle, not halfway through a transition (a button that was just
  // enabled fades into its colours): transitions and animations end at once from here on.
  await page.evaluate(`(async () => {
    if (!document.getElementById('axe-no-motion')) {
      const style = document.createElement('style');
      style.id = 'axe-no-motion';
      style.textContent = '*, *::before, *::after { transition: none !important; animation: none !important; }';
      document.head.append(style);
    }
    await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
  })()`);
  await page.evaluate(axeSource);
  return page.evaluate(`(async () => {
    const result = await window.axe.run(document, { resultTypes: ['violations'] });
    return result.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => ({ id: v.id, impact: v.impact, targets: v.nodes.slice(0, 5).map((n) => n.target.join(' ')) }));
  })()`);
}

import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
// The server's browser tests launch Chromium the same way (Debian's binary, the quiet-network flags).
import { CHROMIUM, launchChromium } from '../../../server/src/testing/chromium.ts';

const ROOT = join(import.meta.dirname, '..', '..', '..', '..');
export const ARTIFACTS = join(ROOT, 'test-artifacts', 'web');
/** The CJK font scripts/install-chromium.sh adds, so 简体中文 screenshots show characters. */
const CJK_FONT = '/usr/share/fonts/truetype/wqy/wqy-microhei.ttc';

/**
 * Headless Chromium with a fresh profile (Playwright makes a temporary user
 * data dir per launch); Debian's package (and a CJK font) is installed first when missing.
 */
export function launchBrowser(): Promise<Browser> {
  if (!existsSync(CHROMIUM) || !existsSync(CJK_FONT))
    execFileSync('sh', [join(ROOT, 'scripts', 'install-chromium.sh')], { stdio: 'inherit' });
  return launchChromium();
}

export interface OpenedPage {
  context: BrowserContext;
  page: Page;
  /** Console errors, page errors and CSP violations seen so far. */
  problems: string[];
}

export async function openPage(browser: Browser, baseURL: string, locale = 'en-US'): Promise<OpenedPage> {
  const context = await browser.newContext({ baseURL, viewport: { width: 1280, height: 720 }, locale });
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console: ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`page: ${error.message}`));
  return { context, page, problems };
}

export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(ARTIFACTS, { recursive: true });
  const path = join(ARTIFACTS, `${name}.png`);
  await page.screenshot({ path });
  return path;
}

import { existsSync } from 'node:fs';
import { type Browser, chromium } from 'playwright-core';

/** Debian's Chromium; playwright-core never downloads a browser. */
export const CHROMIUM = process.env.GUIXU_CHROMIUM ?? '/usr/bin/chromium';
export const hasChromium = existsSync(CHROMIUM);

/** Browser tests skip where Chromium is missing, and say so in one visible line. */
export function skipWithoutChromium(test: string): boolean {
  if (!hasChromium) console.warn(`${CHROMIUM} not found: the ${test} browser test is skipped`);
  return !hasChromium;
}

// Without the background-networking flags Chromium floods the closed network with refused connections.
const FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Headless Chromium with a fresh profile (Playwright makes a temporary user data dir per launch). */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: FLAGS });
}

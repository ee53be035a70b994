import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, skipWithoutChromium } from '../../testing/chromium.ts';
import { createTestApp, type TestApp } from '../../testing/test-app.ts';

const ARTIFACTS = join(import.meta.dirname, '..', '..', '..', '..', '..', 'test-artifacts', 'server');

describe.skipIf(skipWithoutChromium('/docs'))('/docs in a browser', () => {
  let t: TestApp;
  let browser: Browser;
  let base: string;

  beforeAll(async () => {
    t = await createTestApp('sqlite');
    base = await t.raw.listen({ port: 0, host: '127.0.0.1' });
    browser = await launchChromium();
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await t?.dispose();
  });

  it('renders the API reference with its operations and no CSP violation', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const problems: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error') problems.push(message.text());
    });
    page.on('pageerror', (error) => problems.push(error.message));
    const failed: string[] = [];
    page.on('response', (response) => {
      if (response.status() >= 400) failed.push(`${response.status()} ${new URL(response.url()).pathname}`);
    });
    await page.goto(`${base}/docs`);
    // Operation summaries come from the contracts: the page fetched and rendered the OpenAPI document.
    await page.getByText('Liveness: the process answers').first().waitFor({ timeout: 30_000 });
    await page
      .getByText('Readiness: database reachable and migrations done (503 otherwise)')
      .first()
      .waitFor();
    expect(await page.title()).toBe('GuixuFlow API');
    mkdirSync(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: join(ARTIFACTS, 'docs.png') });
    expect(problems.filter((p) => /Content Security Policy|Refused to/i.test(p))).toEqual([]);
    // The browser asks for /favicon.ico on its own; the page itself loads nothing that is missing.
    expect(failed.filter((f) => f !== '404 /favicon.ico')).toEqual([]);
    expect(problems.filter((p) => !p.startsWith('Failed to load resource'))).toEqual([]);
  }, 60_000);
});

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { type OpenedPage, openPage } from './browser.ts';
import { ensureWebBuild } from './build.ts';
import { startTestServer, type TestServer } from './start-server.mjs';

export const OWNER = {
  name: 'Ada Owner',
  email: 'owner@example.com',
  password: 'correct horse battery staple 9',
};

export interface Session extends OpenedPage {
  server: TestServer;
  close(): Promise<void>;
}

/** A fresh server and data dir, a fresh browser context, and the owner set up through the UI. */
export async function freshSession(browser: Browser, options: { locale?: string } = {}): Promise<Session> {
  await ensureWebBuild();
  const server = await startTestServer();
  const opened = await openPage(browser, server.url, options.locale);
  await setupOwner(opened.page);
  return {
    ...opened,
    server,
    async close() {
      await opened.context.close();
      await server.close();
    },
  };
}

export async function setupOwner(page: Page): Promise<void> {
  await page.goto('/');
  await page.waitForURL('**/setup');
  await page.locator('#setup-name').fill(OWNER.name);
  await page.locator('#setup-email').fill(OWNER.email);
  await page.locator('#setup-password').fill(OWNER.password);
  await page.locator('[data-test=setup-submit]').click();
  await page.waitForURL('**/workflows');
}

/** Adds a node from the palette by clicking it (it is wired after the selected node). */
export async function addFromPalette(page: Page, search: string, type: string): Promise<void> {
  await page.locator('[data-test=palette-search]').fill(search);
  await page.locator(`.entry[data-node-type="${type}"]`).click();
}

export const canvasNode = (page: Page, name: string) => page.locator(`.vue-flow__node[data-id="${name}"]`);

/** Imports a fixture by pasting it in the import dialog and opens the new workflow in the editor. */
export async function importFixture(page: Page, name: string): Promise<void> {
  const text = readFileSync(join(import.meta.dirname, '..', 'fixtures', name), 'utf8');
  await page.locator('[data-test=import-open]').click();
  await page.locator('[data-test=import-text]').fill(text);
  await page.locator('[data-test=import-submit]').click();
  await page.locator('[data-test=import-open-workflow]').click();
  await page.waitForURL(/\/workflows\/[^/]+$/);
}

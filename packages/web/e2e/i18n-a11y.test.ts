// @vitest-environment node
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seriousViolations } from './harness/axe.ts';
import { launchBrowser, screenshot } from './harness/browser.ts';
import { untranslated } from './harness/i18n-check.ts';
import { canvasNode, freshSession, importFixture } from './harness/session.ts';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => browser?.close());

interface Screen {
  name: string;
  open(page: Page): Promise<void>;
}

describe('every screen visited is translated and accessible', () => {
  it('passes axe-core (no serious or critical violations) in English, and shows no English string or missing key in 简体中文', async () => {
    const session = await freshSession(browser);
    const { page, problems } = session;
    try {
      // Something to show on every screen: a workflow that ran and failed.
      await importFixture(page, 'failing-workflow.json');
      const workflowUrl = new URL(page.url()).pathname;
      await page.locator('[data-test=run]').click();
      await expect
        .poll(() => canvasNode(page, 'Refuse').locator('[data-state]').getAttribute('data-state'), {
          timeout: 20_000,
        })
        .toBe('error');

      const screens: Screen[] = [
        {
          name: 'workflows',
          open: async (p) => {
            await p.goto('/workflows');
            await p.locator('[data-test=workflow-row]').first().waitFor();
          },
        },
        {
          name: 'editor',
          open: async (p) => {
            await p.goto(workflowUrl);
            await canvasNode(p, 'Prepare').waitFor();
          },
        },
        {
          name: 'node-panel',
          open: async (p) => {
            await canvasNode(p, 'Prepare').dblclick();
            await p.locator('[data-test=node-panel]').waitFor();
          },
        },
        {
          name: 'executions',
          open: async (p) => {
            await p.goto('/executions');
            await p.locator('[data-test=execution-row]').first().waitFor();
          },
        },
        {
          name: 'execution',
          open: async (p) => {
            await p.locator('[data-test=execution-row] a').first().click();
            await p.locator('[data-test=execution-status]').waitFor();
          },
        },
        {
          name: 'credentials',
          open: async (p) => {
            await p.goto('/credentials');
            await p.locator('[data-test=credential-table]').waitFor();
            await p.locator('[data-test=credential-new]').selectOption('httpBasicAuth');
            await p.locator('[data-test=credential-editor] [data-field=user] input').waitFor();
          },
        },
        {
          name: 'variables',
          open: async (p) => {
            await p.goto('/variables');
            await p.locator('h1').waitFor();
          },
        },
        {
          name: 'settings',
          open: async (p) => {
            await p.goto('/settings');
            await p.locator('h1').waitFor();
          },
        },
        {
          name: 'sso-settings',
          open: async (p) => {
            await p.goto('/settings/sso');
            await p.locator('[data-test=sso-form]').waitFor();
          },
        },
      ];

      // A credential made from its type's form: the secret is never shown back.
      await page.goto('/credentials');
      await page.locator('[data-test=credential-new]').selectOption('httpBasicAuth');
      await page.locator('[data-test=credential-name]').fill('Billing API');
      await page.locator('[data-test=credential-editor] [data-field=user] input').fill('billing');
      await page.locator('[data-test=credential-editor] [data-field=password] input').fill('s3cret-pass');
      await page.locator('[data-test=credential-save]').click();
      await expect
        .poll(() => page.locator('[data-test=credential-row]').allTextContents())
        .toEqual([expect.stringContaining('Billing API')]);
      expect(await page.content()).not.toContain('s3cret-pass');

      const violations: Record<string, unknown> = {};
      for (const screen of screens) {
        await screen.open(page);
        const found = await seriousViolations(page);
        if (found.length > 0) violations[screen.name] = found;
      }
      expect(violations).toEqual({});

      // Switch to Chinese on the list; the choice is remembered across a reload.
      await page.goto('/workflows');
      await page.locator('[data-test=language]').selectOption('zh-CN');
      await page.reload();
      await expect.poll(() => page.evaluate('document.documentElement.lang')).toBe('zh-CN');
      const leftovers: Record<string, unknown> = {};
      for (const screen of screens) {
        await screen.open(page);
        const found = await untranslated(page);
        if (found.english.length > 0 || found.missingKeys.length > 0) leftovers[screen.name] = found;
        await screenshot(page, `zh-${screen.name}`);
      }
      expect(leftovers).toEqual({});

      // The sign-in screen, in Chinese, after signing out.
      await page.goto('/workflows');
      await page.locator('[data-test=sign-out]').click();
      await page.waitForURL('**/signin');
      expect(await untranslated(page)).toEqual({ missingKeys: [], english: [] });
      expect(await seriousViolations(page)).toEqual([]);
      expect(problems).toEqual([]);
    } finally {
      await session.close();
    }
    // Nine screens twice (axe in English, then 简体中文) on a fresh server: about a minute on a loaded 2-core machine.
  }, 240_000);
});

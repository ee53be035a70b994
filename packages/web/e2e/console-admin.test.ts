// @vitest-environment node
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seriousViolations } from './harness/axe.ts';
import { launchBrowser, openPage, screenshot } from './harness/browser.ts';
import { untranslated } from './harness/i18n-check.ts';
import { freshSession } from './harness/session.ts';

const INVITED = { email: 'bea@example.com', password: 'purple giraffe carries lanterns 7' };

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => browser?.close());

interface Screen {
  name: string;
  open(page: Page): Promise<void>;
}

/** The console screens, each opened the way a user gets there. */
const SCREENS: Screen[] = [
  {
    name: 'overview',
    open: async (p) => {
      await p.goto('/overview');
      await p.locator('[data-test=overview-chart]').waitFor();
    },
  },
  {
    name: 'users',
    open: async (p) => {
      await p.goto('/settings/users');
      await p.locator('[data-test=user-row]').first().waitFor();
    },
  },
  {
    name: 'projects',
    open: async (p) => {
      await p.goto('/settings/projects');
      await p.locator('[data-test=project-row]').first().waitFor();
      await p
        .locator('[data-test=project-row]', { hasText: 'Growth team' })
        .locator('[data-test=project-members]')
        .click();
      await p.locator('[data-test=member-row]').first().waitFor();
    },
  },
  {
    name: 'instance',
    open: async (p) => {
      await p.goto('/settings/instance');
      await p.locator('[data-test=instance-facts]').waitFor();
    },
  },
  {
    name: 'audit',
    open: async (p) => {
      await p.goto('/audit');
      await p.locator('[data-test=audit-row]').first().waitFor();
    },
  },
  {
    name: 'sharing',
    open: async (p) => {
      await p.goto('/credentials');
      await p.locator('[data-test=credential-share]').first().click();
      await p.locator('[data-test=share-row]').first().waitFor();
    },
  },
];

describe('the console: overview, people, projects, audit log, instance settings, sharing', () => {
  it('an owner invites a user who joins; projects, sharing, audit and settings work; every screen passes axe and reads in 简体中文', async () => {
    const session = await freshSession(browser);
    const { page, problems } = session;
    try {
      // Something for the overview to count: a workflow whose run fails, made and run through the API
      // (as a script would; the editor has its own journeys).
      const csrf = (await session.context.cookies()).find((c) => c.name === 'guixu_csrf')?.value ?? '';
      const fixture = JSON.parse(
        readFileSync(join(import.meta.dirname, 'fixtures', 'failing-workflow.json'), 'utf8'),
      );
      const created = await session.context.request.post('/api/v1/workflows', {
        headers: { 'x-guixu-csrf': csrf },
        data: fixture,
      });
      expect(created.status()).toBe(201);
      const workflowId = ((await created.json()) as { id: string }).id;
      const ran = await session.context.request.post(`/api/v1/workflows/${workflowId}/run`, {
        headers: { 'x-guixu-csrf': csrf },
        data: { wait: true },
        timeout: 60_000,
      });
      expect(await ran.json()).toMatchObject({ status: 'error' });
      await page.goto('/overview');
      await page.locator('[data-test=overview-chart]').waitFor();
      expect(await page.locator('[data-test=stat-executions]').textContent()).toContain('1');
      expect(await page.locator('[data-test=recent-failures]').textContent()).toContain(
        'Order 42 is not allowed',
      );
      expect(await page.locator('[data-test=chart-day]').count()).toBe(14);
      expect(await page.locator('[data-test=chart-day]').last().getAttribute('data-total')).toBe('1');
      await screenshot(page, 'console-overview');

      // Invite a user; they open the link (in their own browser, in Chinese), choose a password and sign in.
      await page.goto('/settings/users');
      await page.locator('[data-test=invite-email]').fill(INVITED.email);
      await page.locator('[data-test=invite-submit]').click();
      const inviteUrl = new URL((await page.locator('[data-test=invite-url]').textContent()) ?? '');
      expect(inviteUrl.searchParams.get('invite')).toBe('1');
      expect(
        await page.locator(`[data-test=user-row][data-email="${INVITED.email}"]`).textContent(),
      ).toContain('Invited');
      await screenshot(page, 'console-users');

      const guest = await openPage(browser, session.server.url, 'zh-CN');
      try {
        await guest.page.goto(`${inviteUrl.pathname}${inviteUrl.search}`);
        await guest.page.locator('#invite-password').waitFor();
        expect(await untranslated(guest.page)).toEqual({ missingKeys: [], english: [] });
        expect(await seriousViolations(guest.page)).toEqual([]);
        await screenshot(guest.page, 'console-accept-invite');
        await guest.page.locator('#invite-password').fill(INVITED.password);
        await guest.page.locator('[data-test=invite-password-submit]').click();
        await guest.page.locator('[data-test=invite-signin]').waitFor();
        // The link works once.
        const usedLink = await guest.context.newPage();
        await usedLink.goto(`${inviteUrl.pathname}${inviteUrl.search}`);
        await usedLink.locator('#invite-password').fill(INVITED.password);
        await usedLink.locator('[data-test=invite-password-submit]').click();
        await expect
          .poll(() => usedLink.locator('[role=alert]').textContent())
          .toContain('此链接已过期或已被使用');
        await usedLink.close();
        await guest.page.locator('[data-test=invite-signin]').click();
        await guest.page.locator('#signin-email').fill(INVITED.email);
        await guest.page.locator('#signin-password').fill(INVITED.password);
        await guest.page.locator('[data-test=signin-submit]').click();
        await guest.page.waitForURL('**/workflows');
        // A member gets no audit log in the navigation.
        await guest.page.locator('[data-test=nav-overview]').waitFor();
        expect(await guest.page.locator('[data-test=nav-audit]').count()).toBe(0);
        // A first visit asks who is signed in before anyone is (401); nothing else may fail.
        expect(guest.problems.filter((m) => !m.includes('status of 401'))).toEqual([]);
      } finally {
        await guest.context.close();
      }
      await page.reload();
      const invitedRow = page.locator(`[data-test=user-row][data-email="${INVITED.email}"]`);
      await expect.poll(() => invitedRow.locator('[data-test=user-status]').textContent()).toBe('Active');
      await invitedRow.locator('[data-test=user-role]').selectOption('admin');
      await page.reload();
      await expect.poll(() => invitedRow.locator('[data-test=user-role]').inputValue()).toBe('admin');

      // A team project with the new user as an editor; it appears in the project switcher.
      await page.goto('/settings/projects');
      await page.locator('[data-test=project-name]').fill('Growth team');
      await page.locator('[data-test=project-create]').click();
      await page.locator('[data-test=project-panel]').waitFor();
      const option = page.locator('[data-test=member-user] option', { hasText: INVITED.email });
      await page.locator('[data-test=member-user]').selectOption((await option.getAttribute('value')) ?? '');
      await page.locator('[data-test=member-role]').selectOption('editor');
      await page.locator('[data-test=member-add]').click();
      const member = page.locator(`[data-test=member-row][data-email="${INVITED.email}"]`);
      await expect.poll(() => member.locator('[data-test=member-row-role]').inputValue()).toBe('editor');
      await expect
        .poll(() => page.locator('[data-test=project] option').allTextContents())
        .toContain('Growth team');
      await screenshot(page, 'console-projects');

      // A credential shared into the team project.
      await page.goto('/credentials');
      await page.locator('[data-test=credential-new]').selectOption('httpBasicAuth');
      await page.locator('[data-test=credential-name]').fill('Billing API');
      await page.locator('[data-test=credential-editor] [data-field=user] input').fill('billing');
      await page.locator('[data-test=credential-editor] [data-field=password] input').fill('s3cret-pass');
      await page.locator('[data-test=credential-save]').click();
      await page.locator('[data-test=credential-share]').click();
      await page.locator('[data-test=share-project]').selectOption({ label: 'Growth team' });
      await page.locator('[data-test=share-add]').click();
      await expect
        .poll(() => page.locator('[data-test=share-row]').allTextContents())
        .toEqual([expect.stringContaining('Growth team')]);
      await screenshot(page, 'console-sharing');

      // Instance settings: the owner shortens execution retention; it stays after a reload.
      await page.goto('/settings/instance');
      await page.locator('[data-test=retention-days]').fill('7');
      await page.locator('[data-test=retention-save]').click();
      await page.locator('[data-test=retention-saved]').waitFor();
      await page.reload();
      await expect.poll(() => page.locator('[data-test=retention-days]').inputValue()).toBe('7');
      await screenshot(page, 'console-instance');

      // The audit log recorded all of it; filter by resource type and export what is shown.
      await page.goto('/audit');
      await page.locator('[data-test=audit-row]').first().waitFor();
      const actions = () =>
        page
          .locator('[data-test=audit-row]')
          .evaluateAll((rows) => rows.map((r) => r.getAttribute('data-action')));
      expect(await actions()).toEqual(
        expect.arrayContaining(['user.create', 'settings.update', 'project.create']),
      );
      await page.locator('[data-test=audit-resource-type]').selectOption('user');
      await page.locator('[data-test=audit-apply]').click();
      // Only entries about users (project membership changes name the user they are about, too).
      await expect
        .poll(async () =>
          (await actions()).every((a) => a?.startsWith('user.') || a?.startsWith('project.member')),
        )
        .toBe(true);
      const csvHref = (await page.locator('[data-test=audit-export-csv]').getAttribute('href')) ?? '';
      expect(csvHref).toContain('resourceType=user');
      const csv = await session.context.request.get(csvHref);
      expect(csv.status()).toBe(200);
      const text = await csv.text();
      expect(text).toContain('user.create');
      expect(text).not.toContain('settings.update');
      await screenshot(page, 'console-audit');

      const violations: Record<string, unknown> = {};
      for (const screen of SCREENS) {
        await screen.open(page);
        const found = await seriousViolations(page);
        if (found.length > 0) violations[screen.name] = found;
      }
      expect(violations).toEqual({});

      // Dark theme: the same screens keep their contrast (the chart and badges use the theme's colours).
      await page.locator('[data-test=theme]').click();
      await expect.poll(() => page.evaluate('document.documentElement.dataset.theme')).toBe('dark');
      for (const screen of SCREENS) {
        await screen.open(page);
        const found = await seriousViolations(page);
        if (found.length > 0) violations[`dark-${screen.name}`] = found;
        if (screen.name === 'overview') await screenshot(page, 'console-overview-dark');
      }
      expect(violations).toEqual({});

      await page.locator('[data-test=language]').selectOption('zh-CN');
      await page.reload();
      await expect.poll(() => page.evaluate('document.documentElement.lang')).toBe('zh-CN');
      const leftovers: Record<string, unknown> = {};
      for (const screen of SCREENS) {
        await screen.open(page);
        const found = await untranslated(page);
        if (found.english.length > 0 || found.missingKeys.length > 0) leftovers[screen.name] = found;
        await screenshot(page, `zh-console-${screen.name}`);
      }
      expect(leftovers).toEqual({});
      expect(problems).toEqual([]);
    } catch (error) {
      // What the page showed when a step failed (test-artifacts/web/).
      await screenshot(page, 'console-admin-failure').catch(() => undefined);
      throw error;
    } finally {
      await session.close();
    }
  }, 240_000);
});

// @vitest-environment node
import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CLIENT_SECRET,
  startProvider,
  type TestProvider,
} from '../../server/src/features/sso/testing/oidc-provider.ts';
import { seriousViolations } from './harness/axe.ts';
import { launchBrowser, openPage, screenshot } from './harness/browser.ts';
import { ensureWebBuild } from './harness/build.ts';
import { freePort } from './harness/free-port.ts';
import { untranslated } from './harness/i18n-check.ts';
import { setupOwner } from './harness/session.ts';
import { startTestServer, type TestServer } from './harness/start-server.mjs';

/**
 * The console's access screens on one fresh server: moving and sharing
 * workflows and credentials between projects, a workflow's settings with a
 * signed callback to a local receiver, and single sign-on configured in its
 * form, then used to sign in against the in-repo OpenID provider.
 */
interface Received {
  headers: IncomingHttpHeaders;
  body: string;
}

let browser: Browser;
let server: TestServer;
let oidc: TestProvider;
let receiver: Server;
let receiverUrl: string;
const received: Received[] = [];
let context: BrowserContext;
let page: Page;
let problems: string[];

beforeAll(async () => {
  browser = await launchBrowser();
  await ensureWebBuild();
  // The provider's redirect URI names the server's public URL, so its port is chosen first.
  const port = await freePort();
  const publicUrl = `http://127.0.0.1:${port}`;
  oidc = await startProvider(publicUrl);
  server = await startTestServer({ GUIXU_PORT: String(port), GUIXU_PUBLIC_URL: publicUrl });
  receiver = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => {
      body += chunk;
    });
    req.on('end', () => {
      received.push({ headers: req.headers, body });
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`;
  ({ context, page, problems } = await openPage(browser, server.url));
  await setupOwner(page);
}, 180_000);

afterAll(async () => {
  await context?.close();
  await server?.close();
  await oidc?.close();
  await new Promise((resolve) => (receiver ? receiver.close(resolve) : resolve(undefined)));
  await browser?.close();
});

/** The signed-in owner's API calls, with the CSRF header the cookie session needs. */
async function api<T>(method: 'GET' | 'POST' | 'PUT' | 'DELETE', path: string, data?: unknown): Promise<T> {
  const csrf = (await context.cookies()).find((c) => c.name === 'guixu_csrf')?.value ?? '';
  const response = await context.request.fetch(path, {
    method,
    headers: { 'x-guixu-csrf': csrf },
    ...(data ? { data } : {}),
  });
  if (!response.ok()) throw new Error(`${method} ${path}: ${response.status()} ${await response.text()}`);
  return (response.status() === 204 ? undefined : await response.json()) as T;
}

interface Me {
  personalProjectId: string;
  user: { email: string; role: string };
}
const trigger = [
  { id: '1', name: 'Start', type: 'guixu.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} },
];

async function failOnScreen(name: string, error: unknown): Promise<never> {
  await screenshot(page, `console-sharing-${name}-failure`).catch(() => undefined);
  throw error;
}

describe('console: projects, sharing, callbacks and single sign-on', () => {
  it('shares a workflow with another project and revokes it, moves workflows and credentials there and back, and shows a failed move plainly', async () => {
    try {
      const me = await api<Me>('GET', '/api/v1/auth/me');
      const team = await api<{ id: string }>('POST', '/api/v1/projects', { name: 'Team Blue' });
      const ledger = await api<{ id: string }>('POST', '/api/v1/workflows', {
        name: 'Ledger sync',
        nodes: trigger,
        projectId: me.personalProjectId,
      });
      const scratch = await api<{ id: string }>('POST', '/api/v1/workflows', {
        name: 'Scratch',
        projectId: me.personalProjectId,
      });
      const key = await api<{ id: string }>('POST', '/api/v1/credentials', {
        name: 'Ledger key',
        type: 'httpBasicAuth',
        data: { user: 'ledger', password: 'p4ss-ledger' },
        projectId: me.personalProjectId,
      });

      // Sharing, from the workflows list: the credentials' sharing component, with read access only.
      await page.goto('/workflows');
      const row = page.locator('[data-test=workflow-row]', { hasText: 'Ledger sync' });
      await row.locator('[data-test=workflow-share]').click();
      const sharing = page.locator('[data-test=workflow-sharing]');
      expect(await sharing.locator('[data-test=share-access] option').allTextContents()).toEqual(['See it']);
      await sharing.locator('[data-test=share-project]').selectOption({ label: 'Team Blue' });
      await sharing.locator('[data-test=share-add]').click();
      await expect
        .poll(() => sharing.locator('[data-test=share-row]').allTextContents())
        .toEqual([expect.stringContaining('Team Blue')]);
      expect(
        await api<{ data: { projectId: string; access: string }[] }>(
          'GET',
          `/api/v1/shares/workflow/${ledger.id}`,
        ),
      ).toEqual({
        data: [expect.objectContaining({ projectId: team.id, access: 'read' })],
      });
      expect(await seriousViolations(page)).toEqual([]);
      await screenshot(page, 'console-workflow-sharing');
      await sharing.locator('[data-test=share-remove]').click();
      await expect.poll(() => sharing.locator('[data-test=share-row]').count()).toBe(0);
      expect((await api<{ data: unknown[] }>('GET', `/api/v1/shares/workflow/${ledger.id}`)).data).toEqual(
        [],
      );
      await sharing.locator('[data-test=share-close]').click();

      // Moving, from the list: the dialog says the credentials stay behind.
      await row.locator('[data-test=workflow-move]').click();
      const dialog = page.locator('[data-test=move-dialog]');
      await dialog.locator('[data-test=move-credentials-warning]').waitFor();
      // The projects arrive after the dialog opens.
      await expect
        .poll(() => dialog.locator('[data-test=move-target] option:not([disabled])').allTextContents())
        .toEqual(['Team Blue']);
      await dialog.locator('[data-test=move-target]').selectOption({ label: 'Team Blue' });
      expect(await seriousViolations(page)).toEqual([]);
      await screenshot(page, 'console-move-dialog');
      // The dark theme's colours in the dialog (the toggle is behind the modal: the stylesheet reads data-theme).
      await page.evaluate('document.documentElement.dataset.theme = "dark"');
      const dark = await seriousViolations(page);
      await screenshot(page, 'console-move-dialog-dark');
      await page.evaluate('document.documentElement.dataset.theme = "light"');
      expect(dark).toEqual([]);
      await page.locator('[data-test=move-submit]').click();
      await expect
        .poll(() => page.locator('[data-test=moved-notice]').textContent())
        .toBe('Moved to Team Blue.');
      await expect.poll(() => row.count()).toBe(0);
      expect((await api<{ projectId: string }>('GET', `/api/v1/workflows/${ledger.id}`)).projectId).toBe(
        team.id,
      );

      // From the editor's menu: share it, then move it back.
      await page.goto(`/workflows/${ledger.id}`);
      await page.locator('[data-test=workflow-menu]').click();
      await page.locator('[data-test=menu-share]').click();
      await page.locator('[data-test=workflow-sharing] [data-test=share-project]').waitFor();
      await page.locator('[data-test=workflow-sharing] [data-test=share-close]').click();
      await page.locator('[data-test=workflow-menu]').click();
      await page.locator('[data-test=menu-move]').click();
      await page.locator('[data-test=move-target]').selectOption({ label: 'Personal · Ada Owner' });
      await page.locator('[data-test=move-submit]').click();
      // The dialog closes once the server moved it (the editor's toast says so for a few seconds).
      await expect.poll(() => page.locator('[data-test=move-dialog]').count()).toBe(0);
      expect((await api<{ projectId: string }>('GET', `/api/v1/workflows/${ledger.id}`)).projectId).toBe(
        me.personalProjectId,
      );

      // A credential, from the credentials list.
      await page.goto('/credentials');
      const keyRow = page.locator('[data-test=credential-row]', { hasText: 'Ledger key' });
      await keyRow.locator('[data-test=credential-move]').click();
      await expect.poll(() => page.locator('[data-test=move-credentials-warning]').count()).toBe(0);
      await page.locator('[data-test=move-target]').selectOption({ label: 'Team Blue' });
      await page.locator('[data-test=move-submit]').click();
      await expect
        .poll(() => page.locator('[data-test=moved-notice]').textContent())
        .toBe('Moved to Team Blue.');
      const moved = await api<{ data: { id: string; projectId: string }[] }>(
        'GET',
        `/api/v1/credentials?projectId=${team.id}`,
      );
      expect(moved.data.map((c) => c.id)).toEqual([key.id]);

      // A workflow deleted while its move dialog is open: the server's answer shows in the dialog.
      await page.goto('/workflows');
      await page
        .locator('[data-test=workflow-row]', { hasText: 'Scratch' })
        .locator('[data-test=workflow-move]')
        .click();
      await page.locator('[data-test=move-target]').selectOption({ label: 'Team Blue' });
      await api('DELETE', `/api/v1/workflows/${scratch.id}`);
      await api('DELETE', `/api/v1/workflows/${scratch.id}?permanent=true`);
      await page.locator('[data-test=move-submit]').click();
      await expect.poll(() => page.locator('[data-test=move-error]').textContent()).toMatch(/not found/i);
      expect(await page.content()).not.toContain('p4ss-ledger');
      expect(problems.filter((m) => !/status of 404/.test(m))).toEqual([]);
    } catch (error) {
      await failOnScreen('move-share', error);
    }
  }, 120_000);

  it('sets callback URLs and a signing secret in the workflow settings (in 简体中文); a run is called back, signed', async () => {
    try {
      const me = await api<Me>('GET', '/api/v1/auth/me');
      const flow = await api<{ id: string }>('POST', '/api/v1/workflows', {
        name: 'Nightly report',
        nodes: trigger,
        projectId: me.personalProjectId,
      });
      await page.goto('/workflows');
      await page.locator('[data-test=language]').selectOption('zh-CN');
      await page.goto(`/workflows/${flow.id}`);
      await page.locator('[data-test=workflow-menu]').click();
      await page.locator('[data-test=menu-settings]').click();
      const settings = page.locator('[data-test=workflow-settings]');
      await settings.waitFor();
      expect(await untranslated(page)).toEqual({ missingKeys: [], english: [] });
      expect(await seriousViolations(page)).toEqual([]);

      // Bad input is refused next to its field before anything is sent.
      await settings.locator('[data-test=wf-success-url]').fill('ftp://example.com');
      await settings.locator('[data-test=wf-concurrency]').fill('0');
      await page.locator('[data-test=wf-settings-save]').click();
      await settings.locator('#wf-successUrl-error').waitFor();
      await settings.locator('#wf-concurrencyLimit-error').waitFor();

      await settings.locator('[data-test=wf-success-url]').fill(`${receiverUrl}/done`);
      await settings.locator('[data-test=wf-concurrency]').fill('2');
      await settings.locator('[data-test=wf-timeout]').fill('600');
      page.once('dialog', (d) => void d.accept());
      await settings.locator('[data-test=wf-rotate-secret]').click();
      const secret = (await settings.locator('[data-test=wf-secret]').textContent()) ?? '';
      expect(secret).toMatch(/^whsec_/);
      await screenshot(page, 'console-workflow-callbacks');
      await page.locator('[data-test=wf-settings-save]').click();
      await settings.locator('[data-test=wf-settings-saved]').waitFor();
      const saved = await api<{ settings: Record<string, unknown> }>('GET', `/api/v1/workflows/${flow.id}`);
      expect(saved.settings).toMatchObject({
        callbacks: { successUrl: `${receiverUrl}/done` },
        concurrencyLimit: 2,
        executionTimeout: 600,
      });
      // The secret is shown once: reopened, the dialog has none to show.
      await page.keyboard.press('Escape');
      await page.locator('[data-test=workflow-menu]').click();
      await page.locator('[data-test=menu-settings]').click();
      await settings.waitFor();
      expect(await settings.locator('[data-test=wf-secret]').count()).toBe(0);
      expect(await page.content()).not.toContain(secret);
      await page.keyboard.press('Escape');

      await page.locator('[data-test=run]').click();
      // At least once (a receiver too slow for the 10 s timeout on a loaded machine would be called again).
      await expect.poll(() => received.length, { timeout: 30_000 }).toBeGreaterThan(0);
      const [callback] = received;
      expect(JSON.parse(callback?.body ?? '{}')).toMatchObject({
        event: 'execution.succeeded',
        workflowId: flow.id,
        status: 'success',
      });
      const signature = String(callback?.headers['x-guixu-signature'] ?? '');
      const t = /t=(\d+)/.exec(signature)?.[1] ?? '';
      const v1 = Buffer.from(/v1=([0-9a-f]+)/.exec(signature)?.[1] ?? '', 'hex');
      const expected = createHmac('sha256', secret).update(`${t}.${callback?.body}`).digest();
      expect(v1.length === expected.length && timingSafeEqual(v1, expected)).toBe(true);
      expect(problems.filter((m) => !/status of 404/.test(m))).toEqual([]);
    } catch (error) {
      await failOnScreen('callbacks', error);
    }
  }, 120_000);

  it('configures single sign-on in its form (secret kept when left empty), then a new user signs in with it and gets the mapped role', async () => {
    try {
      await page.goto('/settings/sso');
      const form = page.locator('[data-test=sso-form]');
      await form.waitFor();
      // Still in 简体中文 (chosen in the test before; chosen again so this one stands alone).
      await page.locator('[data-test=language]').selectOption('zh-CN');
      expect(await untranslated(page)).toEqual({ missingKeys: [], english: [] });
      expect(await seriousViolations(page)).toEqual([]);
      expect(await form.locator('[data-test=sso-redirect-uri]').textContent()).toMatch(
        /\/api\/v1\/auth\/oidc\/callback$/,
      );
      // And in the dark theme.
      await page.locator('[data-test=theme]').click();
      await expect.poll(() => page.evaluate('document.documentElement.dataset.theme')).toBe('dark');
      expect(await seriousViolations(page)).toEqual([]);
      await page.locator('[data-test=theme]').click();

      // Enabled with nothing filled in: the form says what is missing and sends nothing.
      await form.locator('[data-test=sso-enabled]').check();
      await form.locator('[data-test=sso-save]').click();
      await form.locator('[data-test=sso-invalid]').waitFor();
      await form.locator('#sso-discoveryUrl-error').waitFor();
      await form.locator('#sso-clientSecret-error').waitFor();
      expect(await api('GET', '/api/v1/sso/oidc')).toBeNull();

      // The issuer URL alone is enough: the discovery path is added.
      await form.locator('[data-test=sso-discovery]').fill(oidc.issuer);
      await form.locator('[data-test=sso-client-id]').fill('guixu');
      await form.locator('[data-test=sso-secret]').fill(CLIENT_SECRET);
      await form.locator('[data-test=sso-scopes]').fill('openid email profile groups');
      await form.locator('[data-test=sso-mapping-add]').click();
      await form.locator('[data-test=sso-mapping-claim]').fill('staff');
      await form.locator('[data-test=sso-mapping-role]').selectOption('admin');
      await form.locator('[data-test=sso-save]').click();
      await form.locator('[data-test=sso-saved]').waitFor();

      // Reloaded: the secret is not sent back; saving with the field empty keeps it.
      await page.reload();
      await form.locator('[data-test=sso-discovery]').waitFor();
      expect(await form.locator('[data-test=sso-secret]').inputValue()).toBe('');
      expect(await form.locator('[data-test=sso-discovery]').inputValue()).toBe(
        `${oidc.issuer}/.well-known/openid-configuration`,
      );
      expect(await page.content()).not.toContain(CLIENT_SECRET);
      await form.locator('[data-test=sso-save]').click();
      await form.locator('[data-test=sso-saved]').waitFor();
      await screenshot(page, 'console-sso-settings');

      await page.locator('[data-test=sign-out]').click();
      await page.waitForURL('**/signin');
      await page.locator('[data-test=signin-sso]').click();
      // oidc-provider's development login and consent pages.
      await page.locator('input[name=login]').fill('bob');
      await page.locator('input[name=password]').fill('any');
      await page.locator('button[type=submit]').click();
      await page.locator('button[type=submit]').click();
      await page.waitForURL('**/workflows');
      await expect.poll(() => page.locator('.side .user').getAttribute('title')).toBe('bob@example.com');
      // Bob's "staff" group maps to the admin role: the stored secret was kept and the mapping applied.
      const bob = await api<Me>('GET', '/api/v1/auth/me');
      expect(bob.user).toMatchObject({ email: 'bob@example.com', role: 'admin' });
    } catch (error) {
      await failOnScreen('sso', error);
    }
  }, 120_000);
});

import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { chain, node } from '../features/webhooks/webhook-test-kit.ts';
import { launchChromium, skipWithoutChromium } from '../testing/chromium.ts';
import { createTestApp, type TestApp } from '../testing/test-app.ts';
import { testUser } from '../testing/test-users.ts';
import { json, TEST_PASSWORD } from './testing/identities.ts';

// Issue 8 finding 4 as it happened: the owner, signed in, opens a member's webhook link.
const ATTACK_PAGE = `<!doctype html><title>innocent</title><script>
document.title = 'script ran';
const csrf = (document.cookie.match(/guixu_csrf=([^;]+)/) || [])[1] || '';
fetch('/api/v1/users', { method: 'POST', credentials: 'include',
  headers: { 'content-type': 'application/json', 'x-guixu-csrf': csrf },
  body: JSON.stringify({ email: 'mallory@example.com', role: 'admin', password: 'Mallory-owns-you-42' }) })
  .then((r) => { document.title = 'answered ' + r.status; });
</script>`;

async function attack(
  mode: 'strict' | 'off',
): Promise<{ title: string; blocked: boolean; admins: string[] }> {
  const t: TestApp = await createTestApp('sqlite', { env: { GUIXU_WEBHOOK_SANDBOX: mode } });
  let page: Page | undefined;
  try {
    const base = await t.raw.listen({ port: 0, host: '127.0.0.1' });
    const member = await testUser(t);
    const created = await t.raw.inject({
      method: 'POST',
      url: '/api/v1/workflows',
      headers: member.headers,
      payload: {
        name: 'Innocent page',
        nodes: [
          node('Webhook', 'guixu.webhook', {
            httpMethod: 'GET',
            path: 'innocent',
            responseMode: 'responseNode',
          }),
          node('Respond', 'guixu.respondToWebhook', {
            respondWith: 'text',
            responseBody: ATTACK_PAGE,
            options: { responseHeaders: { entries: [{ name: 'Content-Type', value: 'text/html' }] } },
          }),
        ],
        connections: chain(['Webhook', 'Respond']),
      },
    });
    const id = z.object({ id: z.string() }).parse(json(created)).id;
    await t.raw.inject({ method: 'POST', url: `/api/v1/workflows/${id}/activate`, headers: member.headers });

    const context = await browserInstance().then((b) => b.newContext());
    // The owner signs in in this browser: the session and CSRF cookies land in its jar.
    const signIn = await context.request.post(`${base}/api/v1/auth/login`, {
      data: { email: 'owner@example.com', password: TEST_PASSWORD },
    });
    expect(signIn.status()).toBe(200);
    page = await context.newPage();
    const blockedMessage = page
      .waitForEvent('console', {
        predicate: (m) => /Blocked script execution.*sandboxed/i.test(m.text()),
        timeout: 15_000,
      })
      .then(() => true)
      .catch(() => false);
    await page.goto(`${base}/webhook/innocent`);
    // Either the script answered (its fetch finished) or Chromium reported it blocked.
    if (mode === 'off') {
      await page.waitForFunction("document.title.startsWith('answered')", undefined, { timeout: 15_000 });
    }
    const blocked = mode === 'strict' && (await blockedMessage);
    const title = await page.title();
    const users = z
      .object({ data: z.array(z.object({ email: z.string(), role: z.string() })) })
      .parse(json(await t.app.inject({ method: 'GET', url: '/api/v1/users' })));
    await context.close();
    return { title, blocked, admins: users.data.filter((u) => u.role === 'admin').map((u) => u.email) };
  } finally {
    await t.dispose();
  }
}

let browser: Browser | undefined;
async function browserInstance(): Promise<Browser> {
  browser ??= await launchChromium();
  return browser;
}

describe.skipIf(skipWithoutChromium('web-origin'))('web origin in a browser: the stored-XSS chain', () => {
  beforeAll(async () => {
    await browserInstance();
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
  });

  it('without the sandbox the page creates an admin: the chain is real', async () => {
    const result = await attack('off');
    expect(result.title).toBe('answered 201');
    expect(result.admins).toContain('mallory@example.com');
  }, 60_000);

  it('with the default sandbox the script never runs and no admin appears', async () => {
    const result = await attack('strict');
    expect(result.blocked).toBe(true);
    expect(result.title).toBe('innocent');
    expect(result.admins).not.toContain('mallory@example.com');
  }, 60_000);
});

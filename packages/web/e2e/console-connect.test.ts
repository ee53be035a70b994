// @vitest-environment node
import { createHash } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, openPage, screenshot } from './harness/browser.ts';
import { ensureWebBuild } from './harness/build.ts';
import { freePort } from './harness/free-port.ts';
import { setupOwner } from './harness/session.ts';
import { startTestServer } from './harness/start-server.mjs';

/**
 * A local OAuth2 provider: `/authorize` consents at once (redirects back with a
 * code bound to the PKCE challenge), `/token` checks the client and the verifier.
 */
function provider() {
  const challenges = new Map<string, string>();
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://provider');
    if (url.pathname === '/authorize') {
      const code = `code-${challenges.size + 1}`;
      challenges.set(code, url.searchParams.get('code_challenge') ?? '');
      const back = new URL(url.searchParams.get('redirect_uri') ?? '');
      back.searchParams.set('code', code);
      back.searchParams.set('state', url.searchParams.get('state') ?? '');
      res.writeHead(302, { location: back.toString() }).end();
      return;
    }
    let body = '';
    req.on('data', (chunk) => {
      body += chunk;
    });
    req.on('end', () => {
      const form = new URLSearchParams(body);
      const verifier = form.get('code_verifier') ?? '';
      const expected = challenges.get(form.get('code') ?? '');
      res.setHeader('content-type', 'application/json');
      if (expected !== createHash('sha256').update(verifier).digest('base64url')) {
        res.statusCode = 400;
        res.end(JSON.stringify({ error: 'invalid_grant' }));
        return;
      }
      res.end(
        JSON.stringify({
          access_token: 'at-1',
          refresh_token: 'rt-1',
          expires_in: 3600,
          token_type: 'Bearer',
        }),
      );
    });
  });
  return server;
}

async function listen(server: Server): Promise<number> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (server.address() as AddressInfo).port;
}

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => browser?.close());

describe('connecting to other systems: OAuth2 credentials', () => {
  it('connects an OAuth2 credential through its provider (single sign-on is set up in its form in console-sharing.test.ts)', async () => {
    await ensureWebBuild();
    const oauth = provider();
    const providerUrl = `http://127.0.0.1:${await listen(oauth)}`;
    // The redirect URI names the server's public URL, so its port is chosen before it starts.
    const port = await freePort();
    const publicUrl = `http://127.0.0.1:${port}`;
    const server = await startTestServer({ GUIXU_PORT: String(port), GUIXU_PUBLIC_URL: publicUrl });
    const { context, page, problems } = await openPage(browser, server.url);
    try {
      await setupOwner(page);
      await page.goto('/credentials');
      await page.locator('[data-test=credential-new]').selectOption('oAuth2Api');
      const form = page.locator('[data-test=credential-editor]');
      await page.locator('[data-test=credential-name]').fill('Calendar');
      await form.locator('[data-field=grantType] select').selectOption({ label: 'PKCE' });
      await form.locator('[data-field=authUrl] input').fill(`${providerUrl}/authorize`);
      await form.locator('[data-field=accessTokenUrl] input').fill(`${providerUrl}/token`);
      await form.locator('[data-field=clientId] input').fill('client-1');
      await page.locator('[data-test=credential-save]').click();
      const row = page.locator('[data-test=credential-row]', { hasText: 'Calendar' });
      await expect
        .poll(() => row.locator('[data-test=credential-connect]').textContent())
        .toContain('Connect');

      const popup = context.waitForEvent('page');
      await row.locator('[data-test=credential-connect]').click();
      const consent = await popup;
      await consent.waitForURL('**/api/v1/oauth2/callback**');
      await expect.poll(() => consent.locator('h1').textContent()).toBe('Connected');
      await consent.close();

      await page.reload();
      await expect
        .poll(() => row.locator('[data-test=credential-connect]').textContent())
        .toContain('Reconnect');
      await screenshot(page, 'console-oauth2-connected');
      expect(await page.content()).not.toContain('at-1');
      expect(problems).toEqual([]);
    } catch (error) {
      // What the page showed when a step failed (test-artifacts/web/).
      await screenshot(page, 'console-connect-failure').catch(() => undefined);
      throw error;
    } finally {
      await context.close();
      await server.close();
      await new Promise((resolve) => oauth.close(resolve));
    }
  });
});

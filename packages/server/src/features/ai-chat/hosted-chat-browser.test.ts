import { mkdirSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  type ProviderServer,
  startProviderServer,
} from '../../../../nodes/src/ai/testing/provider-server.ts';
import { createProject } from '../../security/testing/identities.ts';
import { aiWorkflow, createWorkflowIn, MODEL_KEY, modelCredential } from '../../testing/ai-test-kit.ts';
import { launchChromium, skipWithoutChromium } from '../../testing/chromium.ts';
import { createTestApp, type TestApp } from '../../testing/test-app.ts';

const ARTIFACTS = join(import.meta.dirname, '..', '..', '..', '..', '..', 'test-artifacts', 'server');

const sentContents = (body: unknown) =>
  z
    .object({ messages: z.array(z.object({ role: z.string(), content: z.unknown() })) })
    .parse(body)
    .messages.map((m) => m.content);

/** Collects what would make the page misbehave: script errors, CSP refusals, failed loads. */
function watch(page: Page): string[] {
  const problems: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(message.text());
  });
  page.on('pageerror', (error) => problems.push(error.message));
  return problems;
}

describe.skipIf(skipWithoutChromium('hosted chat'))('the hosted chat page in a browser', () => {
  let t: TestApp;
  let provider: ProviderServer;
  let browser: Browser;
  let base: string;
  let workflowId: string;
  let site: Server;
  let siteUrl: string;

  beforeAll(async () => {
    provider = await startProviderServer({ apiKey: MODEL_KEY });
    t = await createTestApp('sqlite');
    if (!t.owner) throw new Error('the test app signs in as its owner');
    const project = await createProject(t.app, t.owner, 'Hosted chat');
    const credentialId = await modelCredential(t.app, t.owner, project, provider.baseUrl);
    workflowId = await createWorkflowIn(
      t.app,
      t.owner,
      project,
      aiWorkflow({
        name: 'Support bot',
        credentialId,
        memory: true,
        trigger: {
          name: 'Chat',
          type: 'guixu.chatTrigger',
          parameters: { public: true, initialMessages: 'Hi there! I answer questions.' },
        },
      }),
    );
    const activated = await t.app.inject({ method: 'POST', url: `/api/v1/workflows/${workflowId}/activate` });
    if (activated.statusCode !== 200) throw new Error(`activate failed: ${activated.body}`);
    base = await t.raw.listen({ port: 0, host: '127.0.0.1' });
    // Another site embedding the widget under a strict CSP of its own (no inline scripts or styles).
    site = createServer((_request, response) => {
      response.writeHead(200, {
        'content-type': 'text/html; charset=utf-8',
        'content-security-policy': `default-src 'none'; script-src ${base}; frame-src ${base}`,
      });
      response.end(
        `<!doctype html><html><head><title>Shop</title></head><body><h1>Shop</h1>` +
          `<script src="${base}/chat/widget.js" data-workflow="${workflowId}" data-label="Ask us"></script></body></html>`,
      );
    });
    await new Promise<void>((resolve) => site.listen(0, 'localhost', resolve));
    siteUrl = `http://localhost:${(site.address() as AddressInfo).port}/`;
    browser = await launchChromium();
  }, 90_000);
  afterAll(async () => {
    await browser?.close();
    await new Promise<void>((resolve) => (site ? site.close(() => resolve()) : resolve()));
    await t?.dispose();
    await provider?.close();
  });

  it('chats with the agent, streams the answer and remembers the session across a reload', async () => {
    const page = await browser.newPage({ viewport: { width: 900, height: 800 } });
    const problems = watch(page);
    await page.goto(`${base}/chat/${workflowId}`);
    await page.getByText('Hi there! I answer questions.').waitFor();
    expect(await page.title()).toBe('Support bot');

    provider.reply({ text: 'We open at nine.' });
    await page.locator('#guixu-chat-input').fill('When do you open?');
    await page.locator('#guixu-chat-input').press('Enter');
    const first = page.locator('.message.bot[data-done="true"]').first();
    await first.waitFor({ timeout: 30_000 });
    expect(await first.textContent()).toBe('We open at nine.');

    await page.reload();
    await page.getByText('Hi there! I answer questions.').waitFor();
    provider.reply({ text: 'You asked when we open.' });
    await page.locator('#guixu-chat-input').fill('What did I ask?');
    await page.locator('#guixu-chat-send').click();
    await page.getByText('You asked when we open.').waitFor({ timeout: 30_000 });
    // The same session id after the reload: the memory sent the earlier turn to the model.
    expect(sentContents(provider.requests.at(-1)?.body)).toEqual([
      'You are a helpful assistant.',
      'When do you open?',
      'We open at nine.',
      'What did I ask?',
    ]);
    mkdirSync(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: join(ARTIFACTS, 'hosted-chat.png') });
    expect(problems).toEqual([]);
    await page.close();
  }, 90_000);

  it('opens from the widget on another site under a strict CSP', async () => {
    const page = await browser.newPage({ viewport: { width: 1000, height: 800 } });
    const problems = watch(page);
    await page.goto(siteUrl);
    await page.getByRole('button', { name: 'Ask us' }).click();
    const frame = page.frameLocator('iframe[title="Ask us"]');
    await frame.getByText('Hi there! I answer questions.').waitFor({ timeout: 30_000 });
    provider.reply({ text: 'Hello from the widget.' });
    await frame.locator('#guixu-chat-input').fill('Hello?');
    await frame.locator('#guixu-chat-send').click();
    await frame.getByText('Hello from the widget.').waitFor({ timeout: 30_000 });
    mkdirSync(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: join(ARTIFACTS, 'chat-widget.png') });
    expect(problems).toEqual([]);
    await page.close();
  }, 90_000);
});

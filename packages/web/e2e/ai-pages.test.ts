// @vitest-environment node
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ProviderServer, startProviderServer } from '../../nodes/src/ai/testing/provider-server.ts';
import { aiWorkflow, MODEL_KEY } from '../../server/src/testing/ai-test-kit.ts';
import { seriousViolations } from './harness/axe.ts';
import { launchBrowser, screenshot } from './harness/browser.ts';
import { untranslated } from './harness/i18n-check.ts';
import { freshSession } from './harness/session.ts';

let browser: Browser;
let provider: ProviderServer;
beforeAll(async () => {
  browser = await launchBrowser();
  provider = await startProviderServer({
    apiKey: MODEL_KEY,
    // Deterministic vectors whose nearest neighbours are known: opening hours vs prices.
    embed: (text) => [/open/i.test(text) ? 1 : 0, /price/i.test(text) ? 1 : 0, 0.1],
  });
});
afterAll(async () => {
  await browser?.close();
  await provider?.close();
});

/** A JSON API call with the page's session (cookies and the CSRF header). */
async function api(
  page: Page,
  method: 'GET' | 'POST' | 'PUT',
  url: string,
  data?: unknown,
): Promise<unknown> {
  const cookies = await page.context().cookies();
  const csrf = cookies.find((c) => c.name === 'guixu_csrf')?.value ?? '';
  const response = await page.request.fetch(url, {
    method,
    headers: { 'x-guixu-csrf': csrf, 'content-type': 'application/json' },
    ...(data === undefined ? {} : { data: JSON.stringify(data) }),
  });
  if (!response.ok()) throw new Error(`${method} ${url}: ${response.status()} ${await response.text()}`);
  return response.status() === 204 ? undefined : response.json();
}

const idOf = (value: unknown) => (value as { id: string }).id;

/** The contents of the messages the agent last sent to the model. */
const lastSent = () => JSON.stringify(provider.requests.at(-1)?.body ?? {});

async function a11yAndChinese(
  page: Page,
  name: string,
  ready: () => Promise<void>,
): Promise<Record<string, unknown>> {
  const found: Record<string, unknown> = {};
  const light = await seriousViolations(page);
  if (light.length > 0) found[`light-${name}`] = light;
  await page.locator('[data-test=theme]').click();
  await expect.poll(() => page.evaluate('document.documentElement.dataset.theme')).toBe('dark');
  const dark = await seriousViolations(page);
  if (dark.length > 0) found[`dark-${name}`] = dark;
  await screenshot(page, `ai-${name}-dark`);
  await page.locator('[data-test=theme]').click();
  await page.locator('[data-test=language]').selectOption('zh-CN');
  await expect.poll(() => page.evaluate('document.documentElement.lang')).toBe('zh-CN');
  await ready();
  const zh = await untranslated(page);
  if (zh.missingKeys.length > 0 || zh.english.length > 0) found[`zh-${name}`] = zh;
  await page.locator('[data-test=language]').selectOption('en');
  await expect.poll(() => page.evaluate('document.documentElement.lang')).toBe('en');
  return found;
}

describe('the AI screens of the web app', () => {
  it('chats with an agent in the editor (a test run with its tool calls, then the hosted chat with memory); usage and budget; a knowledge base uploaded and searched; a prompt versioned and previewed', async () => {
    const session = await freshSession(browser);
    const { page, problems } = session;
    try {
      const credentialId = idOf(
        await api(page, 'POST', '/api/v1/credentials', {
          name: 'Local model',
          type: 'openAiApi',
          data: { apiKey: MODEL_KEY, baseUrl: provider.baseUrl },
        }),
      );
      const workflow = aiWorkflow({
        name: 'Support bot',
        credentialId,
        memory: true,
        trigger: { name: 'Incoming message', type: 'guixu.chatTrigger', parameters: { public: false } },
      });
      workflow.nodes.push({
        id: 'calc',
        name: 'Calculator',
        type: 'guixu.toolCalculator',
        typeVersion: 1,
        position: [400, 200],
        parameters: {},
      });
      workflow.connections.Calculator = { ai_tool: [[{ node: 'Root', type: 'ai_tool', index: 0 }]] };
      const workflowId = idOf(await api(page, 'POST', '/api/v1/workflows', workflow));

      // Not active: the panel runs the workflow with the Chat Trigger's input.
      await page.goto(`/workflows/${workflowId}`);
      await page.locator('[data-test=chat-toggle]').click();
      await page.locator('[data-test=chat-panel]').waitFor();
      await expect.poll(() => page.locator('[data-test=chat-mode]').textContent()).toBe('Test run');
      provider.reply(
        { toolCalls: [{ name: 'calculator', arguments: '{"expression":"17 * 23"}' }] },
        { text: '17 × 23 is 391.' },
      );
      await page.locator('[data-test=chat-input]').fill('What is 17 * 23?');
      await page.locator('[data-test=chat-input]').press('Enter');
      const first = page.locator('[data-test=chat-message].bot[data-done="true"]').first();
      await first.waitFor({ timeout: 60_000 });
      expect(await first.textContent()).toBe('17 × 23 is 391.');
      const call = page.locator('[data-test=chat-timeline] [data-test=step-tool-call]').first();
      await call.waitFor();
      expect(await call.textContent()).toContain('calculator');
      expect(await call.textContent()).toContain('391');
      const sessionId = await page.locator('[data-test=chat-session]').textContent();
      await screenshot(page, 'ai-editor-chat');

      const found = await a11yAndChinese(page, 'editor-chat', () =>
        page.locator('[data-test=chat-panel]').waitFor(),
      );
      expect(found).toEqual({});

      // Active: the hosted chat endpoint streams the answer; the same session reaches the memory.
      await api(page, 'POST', `/api/v1/workflows/${workflowId}/activate`);
      await page.reload();
      await page.locator('[data-test=chat-toggle]').click();
      await expect
        .poll(() => page.locator('[data-test=chat-mode]').textContent())
        .toBe('Active: hosted chat');
      expect(await page.locator('[data-test=chat-session]').textContent()).toBe(sessionId);
      provider.reply({ text: 'You asked what 17 * 23 is.' });
      await page.locator('[data-test=chat-input]').fill('What did I ask?');
      await page.locator('[data-test=chat-send]').click();
      const second = page.locator('[data-test=chat-message].bot[data-done="true"]').nth(0);
      await second.waitFor({ timeout: 60_000 });
      expect(await second.textContent()).toBe('You asked what 17 * 23 is.');
      expect(lastSent()).toContain('What is 17 * 23?');
      await page.locator('[data-test=chat-timeline] [data-test=step]').first().waitFor();

      // Usage: the three model calls above, per day, by model and workflow; the owner sets a budget.
      await page.locator('[data-test="nav-ai/usage"]').click();
      await page.locator('[data-test=usage-chart]').waitFor();
      // Usage is recorded as the runs go; a reload reads it again until all three calls are there.
      await expect
        .poll(async () => {
          await page.reload();
          await page.locator('[data-test=usage-calls]').waitFor();
          return page.locator('[data-test=usage-calls] .stat-value').textContent();
        })
        .toBe('3');
      expect(await page.locator('[data-test=usage-by-workflow]').textContent()).toContain('Support bot');
      await page.locator('[data-test=budget-limit]').fill('25');
      await page.locator('[data-test=budget-save]').click();
      await page.locator('[data-test=budget-saved]').waitFor();
      expect(await page.locator('[data-test=usage-budget]').textContent()).toContain('$25');
      await screenshot(page, 'ai-usage');
      expect(
        await a11yAndChinese(page, 'usage', () => page.locator('[data-test=usage-chart]').waitFor()),
      ).toEqual({});

      // Knowledge bases: create one, upload two files with progress, search and see the source and score.
      await page.locator('[data-test="nav-ai/knowledge-bases"]').click();
      await page.locator('[data-test=kb-new]').click();
      await page.locator('[data-test=kb-name]').fill('Shop facts');
      await page.locator('[data-test=kb-credential]').selectOption({ label: 'Local model' });
      await page.locator('[data-test=kb-model]').fill('embed-test');
      await page.locator('[data-test=kb-create-submit]').click();
      await page.locator('[data-test=kb-row]', { hasText: 'Shop facts' }).waitFor();
      await page.locator('[data-test=kb-upload]').setInputFiles([
        {
          name: 'hours.md',
          mimeType: 'text/markdown',
          buffer: Buffer.from('# Hours\n\nWe open at nine and close at five.'),
        },
        {
          name: 'prices.txt',
          mimeType: 'text/plain',
          buffer: Buffer.from('The price of a coffee is three euros.'),
        },
      ]);
      await page.locator('[data-test=kb-progress] li[data-status=ready]').nth(1).waitFor({ timeout: 60_000 });
      await expect.poll(() => page.locator('[data-test=kb-document][data-status=ready]').count()).toBe(2);
      await page.locator('[data-test=kb-query]').fill('When do you open?');
      await page.locator('[data-test=kb-search]').click();
      const top = page.locator('[data-test=kb-hit]').first();
      await top.waitFor();
      expect(await top.textContent()).toContain('hours.md');
      expect(await top.textContent()).toContain('We open at nine');
      await screenshot(page, 'ai-knowledge-bases');
      expect(
        await a11yAndChinese(page, 'knowledge-bases', () => page.locator('[data-test=kb-hits]').waitFor()),
      ).toEqual({});

      // Prompt library: a template edited into a new version, previewed with sample values.
      await page.locator('[data-test="nav-ai/prompts"]').click();
      await page.locator('[data-test=prompt-new-name]').fill('Support answer');
      await page.locator('[data-test=prompt-create]').click();
      await page.locator('[data-test=prompt-row]', { hasText: 'Support answer' }).waitFor();
      await page.locator('[data-test=prompt-system]').fill('You are {{tone}}.');
      await page.locator('[data-test=prompt-text]').fill('Answer {{question}} for {{customer}}.');
      await page.locator('[data-test=prompt-add-variable]').click();
      const variable = page.locator('[data-test=prompt-variable]').first();
      await variable.locator('input').nth(0).fill('tone');
      await variable.locator('input').nth(2).fill('kind');
      await page.locator('[data-test=prompt-save]').click();
      await page.locator('[data-test=prompt-notice]').waitFor();
      await expect.poll(() => page.locator('[data-test=prompt-version]').count()).toBe(2);
      await page.locator('[data-test=prompt-sample-question]').fill('where is my order');
      await page.locator('[data-test=prompt-render]').click();
      await page.locator('[data-test=prompt-rendered]').waitFor();
      expect(await page.locator('[data-test=prompt-rendered]').textContent()).toBe(
        'Answer where is my order for .',
      );
      expect(await page.locator('[data-test=prompt-missing]').textContent()).toContain('customer');
      expect(await page.locator('[data-test=prompt-preview]').textContent()).toContain('You are kind.');
      await screenshot(page, 'ai-prompts');
      expect(
        await a11yAndChinese(page, 'prompts', () => page.locator('[data-test=prompt-editor]').waitFor()),
      ).toEqual({});
      expect(problems).toEqual([]);
    } finally {
      await session.close();
    }
  }, 240_000);
});

// @vitest-environment node
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ProviderServer, startProviderServer } from '../../nodes/src/ai/testing/provider-server.ts';
import { aiWorkflow, MODEL_KEY } from '../../server/src/testing/ai-test-kit.ts';
import { seriousViolations } from './harness/axe.ts';
import { launchBrowser, screenshot } from './harness/browser.ts';
import { untranslated } from './harness/i18n-check.ts';
import { canvasNode, freshSession } from './harness/session.ts';

let browser: Browser;
let provider: ProviderServer;
beforeAll(async () => {
  browser = await launchBrowser();
  provider = await startProviderServer({ apiKey: MODEL_KEY, models: ['gpt-test', 'qwen2.5:7b', 'bge-m3'] });
});
afterAll(async () => {
  await browser?.close();
  await provider?.close();
});

/** A JSON API call with the page's session (cookies and the CSRF header). */
async function api(page: Page, url: string, data: unknown): Promise<string> {
  const cookies = await page.context().cookies();
  const csrf = cookies.find((c) => c.name === 'guixu_csrf')?.value ?? '';
  const response = await page.request.fetch(url, {
    method: 'POST',
    headers: { 'x-guixu-csrf': csrf, 'content-type': 'application/json' },
    data: JSON.stringify(data),
  });
  if (!response.ok()) throw new Error(`POST ${url}: ${response.status()} ${await response.text()}`);
  return ((await response.json()) as { id: string }).id;
}

const modelListCalls = () => provider.requests.filter((r) => r.path.endsWith('/models')).length;

describe('AI nodes in the editor', () => {
  it('creates and tests a model credential in the node panel, picks a model from the list the provider serves, runs an agent with a tool and reads its steps in the output panel', async () => {
    const session = await freshSession(browser);
    const { page, problems } = session;
    try {
      const workflow = aiWorkflow({
        name: 'Calculating agent',
        credentialId: 'none yet',
        rootParameters: { prompt: 'What is 17 * 23?' },
      });
      // The model has no credential yet: it is created from its panel.
      for (const node of workflow.nodes) delete node.credentials;
      workflow.nodes.push({
        id: 'calc',
        name: 'Calculator',
        type: 'guixu.toolCalculator',
        typeVersion: 1,
        position: [400, 200],
        parameters: {},
      });
      workflow.connections.Calculator = { ai_tool: [[{ node: 'Root', type: 'ai_tool', index: 0 }]] };
      const workflowId = await api(page, '/api/v1/workflows', workflow);
      await page.goto(`/workflows/${workflowId}`);

      // The chat model's panel: a credential created and tested in place, then the Model listed from the provider.
      await canvasNode(page, 'Model').dblclick();
      const panel = page.locator('[data-test=node-panel]');
      await panel.locator('[data-test=resource-blocked]').waitFor();
      await panel.locator('[data-test=credential-new-openAiApi]').click();
      const create = panel.locator('[data-test=credential-create-openAiApi]');
      await create.locator('[data-test=credential-create-name]').fill('Local model');
      await create.locator('[data-field=apiKey] input').fill(MODEL_KEY);
      await create.locator('[data-field=baseUrl] input').fill(provider.baseUrl);
      await create.locator('[data-test=credential-create-test]').click();
      await expect
        .poll(() => create.locator('[data-test=credential-create-test-result]').textContent())
        .toContain('Connected: 3 models');
      await create.locator('[data-test=credential-create-save]').click();
      const credential = panel.locator('[data-test=credential-openAiApi]');
      await expect.poll(() => credential.locator('option:checked').textContent()).toBe('Local model');
      const list = panel.locator('[data-test=resource-list]');
      await expect
        .poll(() => list.locator('option').allTextContents())
        .toEqual(['bge-m3', 'gpt-test', 'qwen2.5:7b']);
      expect(await list.inputValue()).toBe('gpt-test');
      await panel.locator('[data-test=resource-search]').fill('qwen');
      await expect.poll(() => list.locator('option').allTextContents()).toEqual(['qwen2.5:7b']);
      await list.selectOption('qwen2.5:7b');
      await screenshot(page, 'editor-ai-model-picker');
      // Reload asks the provider again (the server caches the list otherwise).
      const before = modelListCalls();
      await panel.locator('[data-test=resource-reload]').click();
      await expect.poll(modelListCalls).toBe(before + 1);
      // By id keeps the picked value as text.
      await panel.locator('[data-test=resource-mode-id]').click();
      expect(await panel.locator('[data-test=resource-id]').inputValue()).toBe('qwen2.5:7b');
      await panel.locator('[data-test=panel-close]').click();
      await page.keyboard.press('Control+s');
      await expect.poll(() => page.locator('[data-test=save]').isDisabled()).toBe(true);

      // Run: the agent calls the calculator, then answers with the picked model.
      provider.reply(
        {
          toolCalls: [{ name: 'calculator', arguments: '{"expression":"17 * 23"}' }],
          usage: { input: 30, output: 9 },
        },
        { text: '17 × 23 is 391.', usage: { input: 52, output: 7 } },
      );
      await page.locator('[data-test=run]').click();
      await expect
        .poll(() => canvasNode(page, 'Root').locator('[data-state]').getAttribute('data-state'), {
          timeout: 60_000,
        })
        .toBe('success');
      const chats = provider.requests.filter((r) => r.path.endsWith('/chat/completions'));
      expect(chats.map((r) => r.body.model)).toEqual(['qwen2.5:7b', 'qwen2.5:7b']);

      // The agent's output panel: Steps lists both model calls and the tool call.
      await canvasNode(page, 'Root').dblclick();
      await panel.locator('[data-test=output-steps]').click();
      const steps = panel.locator('[data-test=node-steps] [data-test=step]');
      await expect.poll(() => steps.count()).toBe(2);
      expect(await steps.nth(0).locator('[data-test=step-model]').textContent()).toBe('qwen2.5:7b');
      expect(await steps.nth(0).locator('[data-test=step-tokens]').textContent()).toBe(
        '30 in · 9 out tokens',
      );
      const call = steps.nth(0).locator('[data-test=step-tool-call]');
      expect(await call.textContent()).toContain('17 * 23');
      expect(await call.textContent()).toContain('391');
      expect(await steps.nth(1).textContent()).toContain('17 × 23 is 391.');
      expect(await panel.locator('[data-test=steps-total]').textContent()).toContain(
        '2 model calls · 82 in · 16 out tokens',
      );
      await screenshot(page, 'editor-ai-steps');

      expect(await seriousViolations(page)).toEqual([]);
      // 简体中文: the Steps view and the panel have no English left and no missing key.
      await page.locator('[data-test=language]').selectOption('zh-CN');
      await expect.poll(() => page.evaluate('document.documentElement.lang')).toBe('zh-CN');
      await expect.poll(() => panel.locator('[data-test=output-steps]').textContent()).toBe('步骤');
      expect(await untranslated(page)).toEqual({ missingKeys: [], english: [] });
      await screenshot(page, 'editor-ai-steps-zh');
      await page.locator('[data-test=language]').selectOption('en');
      await expect.poll(() => page.evaluate('document.documentElement.lang')).toBe('en');

      // The tool call links to its sub-node: the panel shows the Calculator.
      await call.locator('[data-test=step-tool-node]').click();
      await expect.poll(() => panel.locator('[data-test=node-name]').inputValue()).toBe('Calculator');
      expect(problems).toEqual([]);
    } finally {
      await session.close();
    }
  }, 240_000);
});

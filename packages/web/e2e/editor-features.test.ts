// @vitest-environment node
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seriousViolations } from './harness/axe.ts';
import { launchBrowser, screenshot } from './harness/browser.ts';
import { canvasNode, freshSession } from './harness/session.ts';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => browser?.close());

/** What n8n's editor puts on the clipboard for two copied nodes. */
const N8N_CLIPBOARD = {
  nodes: [
    {
      parameters: {
        assignments: {
          assignments: [{ id: 'a1', name: 'greeting', value: '=Hello {{ $json.name }}', type: 'string' }],
        },
        options: {},
      },
      id: '2b8f6c1e-8a7d-4a3b-9c55-0c1f4d6d2e11',
      name: 'Greet',
      type: 'n8n-nodes-base.set',
      typeVersion: 3.4,
      position: [900, 600],
    },
    {
      parameters: {},
      id: '9c8f6c1e-8a7d-4a3b-9c55-0c1f4d6d2e12',
      name: 'Done',
      type: 'n8n-nodes-base.noOp',
      typeVersion: 1,
      position: [0, 0],
    },
  ],
  connections: { Greet: { main: [[{ node: 'Done', type: 'main', index: 0 }]] } },
  meta: { instanceId: 'e2e' },
};

/** A paste as the browser delivers it when the user presses Ctrl/⌘-V on the canvas. */
async function pasteText(page: Page, text: string) {
  await page.evaluate((data) => {
    const transfer = new DataTransfer();
    transfer.setData('text/plain', data);
    window.dispatchEvent(new ClipboardEvent('paste', { clipboardData: transfer, bubbles: true }));
  }, text);
}

/** Creates a workflow from a fixture through the API (the import dialog has its own journey) and opens it. */
async function openFixture(page: Page, name: string): Promise<void> {
  const csrf = (await page.context().cookies()).find((c) => c.name === 'guixu_csrf')?.value ?? '';
  const data = JSON.parse(readFileSync(join(import.meta.dirname, 'fixtures', name), 'utf8')) as unknown;
  const created = await page
    .context()
    .request.post('/api/v1/workflows', { headers: { 'x-guixu-csrf': csrf }, data });
  expect(created.status()).toBe(201);
  const { id } = (await created.json()) as { id: string };
  await page.goto(`/workflows/${id}`);
  await page.locator('[data-test=canvas]').waitFor();
}

const state = (page: Page, name: string) =>
  canvasNode(page, name).locator('[data-state]').getAttribute('data-state');
const xOf = async (page: Page, name: string) =>
  (await canvasNode(page, name).boundingBox({ timeout: 5000 }))?.x ?? Number.NaN;

describe('editor: paste from n8n, tidy up, sticky notes, test webhook calls, schema view, retry with the fix', () => {
  it("pastes n8n's clipboard as GuixuFlow nodes, tidies up, adds a note", async () => {
    const session = await freshSession(browser);
    const { page, problems } = session;
    try {
      await page.locator('[data-test=workflow-create]').click();
      await page.waitForURL(/\/workflows\/[^/]+$/);
      await page.locator('[data-test=canvas]').waitFor();
      await pasteText(page, JSON.stringify(N8N_CLIPBOARD));
      // The server loads its n8n importer on first use: that can take a while on a busy machine.
      await expect.poll(() => canvasNode(page, 'Greet').count(), { timeout: 20_000 }).toBe(1);
      await expect.poll(() => page.locator('.vue-flow__edge').count()).toBe(1);
      expect(await page.locator('[data-test=editor-notice]').textContent()).toContain(
        'Pasted 2 nodes from n8n',
      );
      expect(await canvasNode(page, 'Greet').locator('[data-catalog]').textContent()).toContain(
        'Edit Fields',
      );

      // Greet (at x 900) feeds Done (at x 0): tidying up puts Done to its right.
      expect(await xOf(page, 'Greet')).toBeGreaterThan(await xOf(page, 'Done'));
      await page.locator('[data-test=layout]').click({ timeout: 5000 });
      await expect
        .poll(async () => (await xOf(page, 'Done')) > (await xOf(page, 'Greet')), { timeout: 10_000 })
        .toBe(true);
      await page.keyboard.press('Control+z');
      await expect
        .poll(async () => (await xOf(page, 'Greet')) > (await xOf(page, 'Done')), { timeout: 10_000 })
        .toBe(true);

      await page.locator('[data-test=add-sticky]').click();
      await expect.poll(() => page.locator('[data-test=sticky-note]').count()).toBe(1);
      expect(await page.locator('[data-test=sticky-note]').textContent()).toContain("I'm a note");
      await screenshot(page, 'editor-paste-layout-sticky');
      expect(await seriousViolations(page)).toEqual([]);
      expect(problems).toEqual([]);
    } finally {
      await session.close();
    }
  });

  it('listens for test webhook calls (JSON shown as schema, an image previewed and downloaded); a fixed node is retried from the failed one', async () => {
    const session = await freshSession(browser);
    const { page, problems, server } = session;
    try {
      await openFixture(page, 'webhook-workflow.json');
      await canvasNode(page, 'Webhook').dblclick();
      const panel = page.locator('[data-test=node-panel]');
      await panel.locator('[data-test=webhook-listen]').click();
      await panel.locator('[data-test=webhook-listening]').waitFor();
      await page.locator('[data-test=toolbar-listening]').waitFor();
      const called = await fetch(`${server.url}/webhook-test/e2e-orders`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ order: 7, customer: { name: 'Ada' } }),
      });
      expect(called.status).toBe(200);
      await panel.locator('[data-test=webhook-received]').waitFor({ timeout: 20_000 });
      expect(await page.locator('[data-test=toolbar-listening]').count()).toBe(0);
      const output = panel.locator('[data-test=data-output]');
      await output.locator('[data-test=view-schema]').click();
      await expect.poll(() => output.locator('[data-test=schema]').textContent()).toContain('customer');
      expect(await output.locator('[data-test=schema]').textContent()).toContain('Ada');
      await screenshot(page, 'editor-webhook-test-call');
      await expect.poll(() => state(page, 'Receipt'), { timeout: 20_000 }).toBe('success');

      // A second test call with an image: the output's Binary view previews it and links its download.
      await panel.locator('[data-test=webhook-listen]').click();
      await panel.locator('[data-test=webhook-listening]').waitFor();
      const png = Buffer.from(
        'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
        'base64',
      );
      const upload = await fetch(`${server.url}/webhook-test/e2e-orders`, {
        method: 'POST',
        headers: { 'content-type': 'image/png', 'content-disposition': 'attachment; filename="dot.png"' },
        body: png,
      });
      expect(upload.status).toBe(200);
      await panel.locator('[data-test=webhook-received]').waitFor({ timeout: 20_000 });
      await output.locator('[data-test=view-binary]').click({ timeout: 20_000 });
      const image = output.locator('[data-test=binary-entry] img');
      await expect
        .poll(() => image.evaluate((img: HTMLImageElement) => img.naturalWidth), { timeout: 10_000 })
        .toBe(1);
      // The new views (schema, binary, listening) pass axe too.
      expect(await seriousViolations(page)).toEqual([]);
      const href = await output.locator('[data-test=binary-download]').getAttribute('href');
      const download = await page.request.get(href ?? '');
      expect(download.headers()['content-type']).toBe('image/png');
      expect(Buffer.from(await download.body()).equals(png)).toBe(true);
      await panel.locator('[data-test=panel-close]').click();

      // A run that fails at Refuse; the fix (Refuse continues on error) is saved; retrying from the failed node uses it.
      await openFixture(page, 'failing-workflow.json');
      await page.locator('[data-test=run]').click();
      await expect.poll(() => state(page, 'Refuse'), { timeout: 20_000 }).toBe('error');
      await canvasNode(page, 'Refuse').dblclick();
      await panel.locator('[role=tab]').nth(1).click();
      await panel
        .locator('select:has(option[value=continueRegularOutput])')
        .selectOption('continueRegularOutput');
      await panel.locator('[data-test=panel-close]').click();
      await page.keyboard.press('Control+s');
      await expect
        .poll(() => page.locator('[data-test=saved-version]').textContent(), { timeout: 10_000 })
        .toBe('v2');

      await page.goto('/executions');
      const failed = page.locator('[data-test=execution-row][data-status=error]');
      await failed.first().locator('a').click();
      await page.waitForURL(/\/executions\/[^/]+$/);
      await page.locator('[data-test=retry-original]').waitFor();
      const failedUrl = page.url();
      await page.locator('[data-test=retry-failed]').click();
      await expect.poll(() => page.url()).not.toBe(failedUrl);
      await expect
        .poll(() => page.locator('[data-test=execution-status]').textContent(), { timeout: 20_000 })
        .toBe('Succeeded');
      expect(problems).toEqual([]);
    } finally {
      await session.close();
    }
  });

  it('browses the runs of a node inside a loop', async () => {
    const session = await freshSession(browser);
    const { page, problems } = session;
    try {
      const csrf = (await page.context().cookies()).find((c) => c.name === 'guixu_csrf')?.value ?? '';
      const node = (name: string, type: string, x: number, parameters: Record<string, unknown> = {}) => ({
        id: name,
        name,
        type,
        typeVersion: 1,
        position: [x, 0],
        parameters,
      });
      const created = await page.context().request.post('/api/v1/workflows', {
        headers: { 'x-guixu-csrf': csrf },
        data: {
          name: 'Loop',
          nodes: [
            node('Start', 'guixu.manualTrigger', 0),
            node('Items', 'guixu.code', 240, {
              mode: 'runOnceForAllItems',
              language: 'javaScript',
              jsCode: 'return [1, 2, 3].map((n) => ({ json: { n } }));',
            }),
            node('Loop', 'guixu.loopOverItems', 480, { batchSize: 1 }),
            node('Step', 'guixu.noOp', 720),
          ],
          connections: {
            Start: { main: [[{ node: 'Items', type: 'main', index: 0 }]] },
            Items: { main: [[{ node: 'Loop', type: 'main', index: 0 }]] },
            Loop: { main: [[], [{ node: 'Step', type: 'main', index: 0 }]] },
            Step: { main: [[{ node: 'Loop', type: 'main', index: 0 }]] },
          },
        },
      });
      const { id } = (await created.json()) as { id: string };
      await page.goto(`/workflows/${id}`);
      await page.locator('[data-test=run]').click();
      await expect.poll(() => state(page, 'Loop'), { timeout: 20_000 }).toBe('success');
      await canvasNode(page, 'Step').dblclick();
      const panel = page.locator('[data-test=node-panel]');
      const runs = panel.locator('[data-test=run-index]');
      await expect.poll(() => runs.locator('option').count(), { timeout: 10_000 }).toBe(3);
      const output = panel.locator('[data-test=data-output]');
      expect(await output.locator('tbody td').allTextContents()).toContain('3');
      await runs.selectOption('0');
      await expect.poll(() => output.locator('tbody td').allTextContents()).toContain('1');
      expect(await output.locator('tbody td').allTextContents()).not.toContain('3');
      await screenshot(page, 'editor-loop-runs');
      expect(problems).toEqual([]);
    } finally {
      await session.close();
    }
  });
});

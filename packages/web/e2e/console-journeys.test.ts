// @vitest-environment node
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, screenshot } from './harness/browser.ts';
import { canvasNode, freshSession, importFixture } from './harness/session.ts';

const fixture = (name: string) => join(import.meta.dirname, 'fixtures', name);

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => browser?.close());

describe('importing, and following runs in the executions view', () => {
  it('imports an n8n file by upload and shows the import report', async () => {
    const session = await freshSession(browser);
    const { page, problems } = session;
    try {
      await page.locator('[data-test=import-open]').click();
      await page.locator('[data-test=import-file]').setInputFiles(fixture('n8n-greeting.json'));
      await page.locator('[data-test=import-submit]').click();
      const report = page.locator('[data-test=import-report]');
      await report.waitFor();
      const rows = await report.locator('tbody tr').allTextContents();
      expect(rows.some((r) => r.includes('n8n-nodes-base.set') && r.includes('Mapped'))).toBe(true);
      expect(rows.some((r) => r.includes('n8n-nodes-base.slack') && r.includes('Placeholder'))).toBe(true);
      await screenshot(page, 'import-report');
      await page.locator('[data-test=import-open-workflow]').click();
      await page.waitForURL(/\/workflows\/[^/]+$/);
      await expect.poll(() => page.locator('.vue-flow__node').count()).toBe(3);
      expect(problems).toEqual([]);
    } finally {
      await session.close();
    }
  });

  it('a failed run shows up live in Executions, opens read-only on the canvas and is retried from the failed node', async () => {
    const session = await freshSession(browser);
    const { page, problems } = session;
    try {
      await importFixture(page, 'failing-workflow.json');
      const workflowId = page.url().split('/').pop() ?? '';
      await page.locator('[data-test=run]').click();
      await expect
        .poll(() => canvasNode(page, 'Refuse').locator('[data-state]').getAttribute('data-state'), {
          timeout: 20_000,
        })
        .toBe('error');

      // The executions list, then a run started from outside (the API, as curl would): it appears without a reload.
      const list = await session.context.newPage();
      await list.goto('/executions');
      const failed = list.locator('[data-test=execution-row][data-status=error]');
      await expect.poll(() => failed.count(), { timeout: 10_000 }).toBe(1);
      const cookies = await session.context.cookies();
      const csrf = cookies.find((c) => c.name === 'guixu_csrf')?.value ?? '';
      const started = await session.context.request.post(`/api/v1/workflows/${workflowId}/run`, {
        headers: { 'x-guixu-csrf': csrf },
        data: {},
      });
      expect(started.status()).toBe(202);
      await expect.poll(() => failed.count(), { timeout: 10_000 }).toBe(2);
      expect(await failed.first().textContent()).toContain('Order 42 is not allowed');
      await screenshot(list, 'executions');

      await failed.first().locator('a').click();
      await list.waitForURL(/\/executions\/[^/]+$/);
      await expect
        .poll(() => canvasNode(list, 'Refuse').locator('[data-state]').getAttribute('data-state'))
        .toBe('error');
      expect(await canvasNode(list, 'Prepare').locator('[data-state]').getAttribute('data-state')).toBe(
        'success',
      );
      await canvasNode(list, 'Refuse').dblclick();
      await expect
        .poll(() => list.locator('[data-test=node-error]').textContent())
        .toContain('Order 42 is not allowed');
      await list.locator('[data-test=panel-close]').click();
      await screenshot(list, 'execution-failed');

      // Time travel: step back to the state after Prepare, then run again from there with the recorded data.
      await expect
        .poll(() => list.locator('[data-test=travel-position]').textContent())
        .toContain('3 of 3: Refuse');
      await list.locator('[data-test=travel-prev]').click();
      await expect
        .poll(() => list.locator('[data-test=travel-position]').textContent())
        .toContain('2 of 3: Prepare');
      expect(await canvasNode(list, 'Refuse').locator('[data-state]').getAttribute('data-state')).toBe(
        'idle',
      );
      const travelledUrl = list.url();
      await list.locator('[data-test=travel-rerun]').click();
      await expect.poll(() => list.url()).not.toBe(travelledUrl);
      await expect
        .poll(() => list.locator('[data-test=execution-status]').textContent(), { timeout: 20_000 })
        .toBe('Failed');
      // Start replayed its recorded output (pinned); Prepare and Refuse ran again.
      await expect
        .poll(() => canvasNode(list, 'Start').locator('[data-state]').getAttribute('data-state'))
        .toBe('pinned');
      expect(await canvasNode(list, 'Prepare').locator('[data-state]').getAttribute('data-state')).toBe(
        'success',
      );
      await list.goBack();
      await list.locator('[data-test=retry-failed]').waitFor();

      const failedUrl = list.url();
      await list.locator('[data-test=retry-failed]').click();
      await expect.poll(() => list.url()).not.toBe(failedUrl);
      await expect
        .poll(() => list.locator('[data-test=execution-status]').textContent(), { timeout: 20_000 })
        .toBe('Failed');
      expect(problems).toEqual([]);
    } finally {
      await session.close();
    }
  });

  it('a webhook workflow activated from the list and called like curl shows up live in Executions', async () => {
    const session = await freshSession(browser);
    const { page, problems } = session;
    try {
      await importFixture(page, 'webhook-workflow.json');
      await canvasNode(page, 'Webhook').dblclick();
      await expect
        .poll(() => page.locator('[data-test=webhook-urls]').textContent())
        .toContain(`${session.server.url}/webhook/e2e-orders`);
      await page.locator('[data-test=panel-close]').click();
      await page.goto('/workflows');
      await page.locator('[data-test=workflow-active]').check();
      await expect.poll(() => page.locator('[data-test=workflow-active]').isChecked()).toBe(true);

      await page.goto('/executions');
      await page.locator('[data-test=execution-table]').waitFor();
      const answer = await fetch(`${session.server.url}/webhook/e2e-orders`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ order: 7 }),
      });
      expect(await answer.json()).toMatchObject({ receipt: 'Order 7 received' });
      const row = page.locator('[data-test=execution-row][data-status=success]');
      await expect.poll(() => row.count(), { timeout: 10_000 }).toBe(1);
      expect(await row.textContent()).toContain('Webhook');
      expect(problems).toEqual([]);
    } finally {
      await session.close();
    }
  });
});

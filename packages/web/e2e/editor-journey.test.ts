// @vitest-environment node
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, screenshot } from './harness/browser.ts';
import { addFromPalette, canvasNode, freshSession } from './harness/session.ts';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => browser?.close());

async function dragHandle(page: Page, from: string, to: string) {
  const a = await page.locator(from).boundingBox();
  const b = await page.locator(to).boundingBox();
  if (!a || !b) throw new Error(`handle not visible: ${a ? to : from}`);
  await page.mouse.move(a.x + a.width / 2, a.y + a.height / 2);
  await page.mouse.down();
  await page.mouse.move(b.x + b.width / 2, b.y + b.height / 2, { steps: 8 });
  await page.mouse.up();
}

async function nodeState(page: Page, name: string): Promise<string | null> {
  return canvasNode(page, name).locator('[data-state]').getAttribute('data-state');
}

describe('building, running and versioning a workflow in the editor', () => {
  it('Manual Trigger → Edit Fields → If (dragged and wired), an expression typed with completion, run, output, pin, save, restore', async () => {
    const session = await freshSession(browser);
    const { page, problems } = session;
    try {
      await page.locator('[data-test=workflow-create]').click();
      await page.waitForURL(/\/workflows\/[^/]+$/);

      // Manual Trigger, then Edit Fields wired after it (a click adds after the selected node).
      await addFromPalette(page, 'manual', 'guixu.manualTrigger');
      await addFromPalette(page, 'edit fields', 'guixu.set');
      await expect.poll(() => page.locator('.vue-flow__edge').count()).toBe(1);

      await canvasNode(page, 'Edit Fields').dblclick();
      const panel = page.locator('[data-test=node-panel]');
      await panel.locator('[data-test=assignment-add]').click();
      await panel.locator('[data-test=assignment-name]').fill('name');
      await panel.locator('[data-test=assignment-value]').fill('Ada Lovelace');
      await panel.locator('[data-test=panel-close]').click();

      await page.keyboard.press('Control+s');
      await expect.poll(() => page.locator('[data-test=saved-version]').textContent()).toBe('v2');

      await page.locator('[data-test=run]').click();
      await expect.poll(() => nodeState(page, 'Edit Fields'), { timeout: 20_000 }).toBe('success');

      // If: dragged from the palette onto the canvas, then wired by dragging between the handles.
      await page.locator('[data-test=palette-search]').fill('if');
      await page.locator('.entry[data-node-type="guixu.if"]').dragTo(page.locator('[data-test=canvas]'), {
        targetPosition: { x: 700, y: 420 },
      });
      await expect(canvasNode(page, 'If').count()).resolves.toBe(1);
      await dragHandle(
        page,
        '.vue-flow__node[data-id="Edit Fields"] .vue-flow__handle.source',
        '.vue-flow__node[data-id="If"] .vue-flow__handle.target',
      );
      await expect.poll(() => page.locator('.vue-flow__edge').count()).toBe(2);

      // The condition's left value: an expression typed with completion of the fields Edit Fields produced.
      await canvasNode(page, 'If').dblclick();
      await panel.locator('[data-test=condition-add]').click();
      await panel.locator('[data-test=condition] button', { hasText: 'Expression' }).first().click();
      const editor = panel.locator('[data-test=expression-editor] .cm-content').first();
      await editor.click();
      await page.keyboard.press('Control+a');
      await page.keyboard.type('{{ $json.');
      const option = page.locator('.cm-tooltip-autocomplete li', { hasText: 'name' }).first();
      await option.waitFor();
      // CodeMirror ignores Enter for 75 ms after the list opens (so a fast typist does not accept by accident).
      await page.waitForTimeout(250);
      await page.keyboard.press('Enter');
      await expect.poll(() => editor.textContent()).toMatch(/^\{\{ \$json\.name ?\}\}$/);
      await expect
        .poll(() => panel.locator('[data-test=expression-preview]').first().textContent())
        .toContain('Ada Lovelace');
      await panel.locator('[data-test=condition-operator]').selectOption('string:contains');
      await panel.locator('[data-test=condition-right]').fill('Ada');
      await screenshot(page, 'editor-expression');
      await panel.locator('[data-test=panel-close]').click();

      // Run: the If passes the item on its true output; its output panel shows it.
      await page.locator('[data-test=run]').click();
      await expect.poll(() => nodeState(page, 'If'), { timeout: 20_000 }).toBe('success');
      await screenshot(page, 'editor-run');
      await canvasNode(page, 'If').dblclick();
      const output = panel.locator('[data-test=data-output]');
      await expect.poll(() => output.locator('tbody td').allTextContents()).toContain('Ada Lovelace');
      await panel.locator('[data-test=panel-close]').click();

      // The run saved the workflow first (v3: with the If). Pin Edit Fields' output and save (v4).
      await canvasNode(page, 'Edit Fields').dblclick();
      await panel.locator('[data-test=pin]').click();
      await expect(panel.locator('[data-test=pinned-badge]').count()).resolves.toBe(1);
      await panel.locator('[data-test=panel-close]').click();
      await page.locator('[data-test=save]').click();
      await expect.poll(() => page.locator('[data-test=saved-version]').textContent()).toBe('v4');

      // Compare with v2 (If added, Edit Fields changed), then restore v2: the If is gone again.
      await page.locator('[data-test=versions-toggle]').click();
      const v2 = page.locator('[data-test=versions] li[data-version="2"]');
      await v2.locator('[data-test=version-compare]').click();
      await expect
        .poll(() => canvasNode(page, 'If').locator('.cnode').getAttribute('class'))
        .toContain('diff-added');
      await screenshot(page, 'editor-compare');
      await v2.locator('[data-test=version-restore]').click();
      await expect.poll(() => canvasNode(page, 'If').count()).toBe(0);
      await expect.poll(() => page.locator('[data-test=saved-version]').textContent()).toBe('v5');

      // Copy Edit Fields, paste it as a copy, undo the paste, redo it.
      await page.locator('[data-test=versions-toggle]').click();
      await canvasNode(page, 'Edit Fields').click();
      await page.keyboard.press('Control+c');
      await page.locator('.vue-flow__pane').click({ position: { x: 40, y: 40 } });
      await page.keyboard.press('Control+v');
      await expect.poll(() => canvasNode(page, 'Edit Fields1').count()).toBe(1);
      await page.keyboard.press('Control+z');
      await expect.poll(() => canvasNode(page, 'Edit Fields1').count()).toBe(0);
      await page.keyboard.press('Control+Shift+z');
      await expect.poll(() => canvasNode(page, 'Edit Fields1').count()).toBe(1);
      expect(problems).toEqual([]);
    } finally {
      await session.close();
    }
  });
});

// Writes the README's screenshots (docs/images/editor.png, docs/images/executions.png)
// from a fresh server: npx tsx packages/web/scripts/readme-screenshots.ts
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { launchBrowser } from '../e2e/harness/browser.ts';
import { canvasNode, freshSession } from '../e2e/harness/session.ts';

const images = join(import.meta.dirname, '..', '..', '..', 'docs', 'images');
const browser = await launchBrowser();
const session = await freshSession(browser);
const { page } = session;
try {
  await page.locator('[data-test=import-open]').click();
  await page
    .locator('[data-test=import-text]')
    .fill(readFileSync(join(import.meta.dirname, '..', 'e2e', 'fixtures', 'readme-workflow.json'), 'utf8'));
  await page.locator('[data-test=import-submit]').click();
  await page.locator('[data-test=import-open-workflow]').click();
  await page.waitForURL(/\/workflows\/[^/]+$/);
  await page.locator('[data-test=run]').click();
  await canvasNode(page, 'Welcome message').locator('[data-state=success]').waitFor();
  await page.locator('[data-test=fit-view]').click();
  await page.waitForTimeout(400);
  await canvasNode(page, 'Welcome message').dblclick();
  await page.locator('[data-test=node-panel] [data-test=data-output] tbody tr').first().waitFor();
  await page.screenshot({ path: join(images, 'editor-panel.png') });
  await page.locator('[data-test=panel-close]').click();
  await page.screenshot({ path: join(images, 'editor.png') });
  for (let i = 0; i < 2; i++) {
    await page.locator('[data-test=run]').click();
    await page.locator('[data-test=run]:not([disabled])').waitFor();
  }
  await page.goto('/executions');
  await page.locator('[data-test=execution-row]').nth(2).waitFor();
  await page.screenshot({ path: join(images, 'executions.png') });
  console.log(`wrote ${images}/editor.png, editor-panel.png, executions.png`);
} finally {
  await session.close();
  await browser.close();
}

// Measures the web app in real Chromium and prints numbers (no assertions):
//   npx tsx packages/web/bench/editor.bench.ts
// (GUIXU_WEB_DIR=<a vite build> measures that build instead of packages/web/dist.)
// initial JS for the sign-in/list screens, the editor chunk, time to interactive
// of a 300-node workflow, frames per second while panning and dragging, and the
// first rows of an execution with 1,000 items per node.
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { launchBrowser } from '../e2e/harness/browser.ts';
import { freshSession } from '../e2e/harness/session.ts';
import { bundleSizes } from './bundle-size.ts';
import { chainWorkflow } from './workflows.ts';

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

async function csrf(page: Page): Promise<string> {
  return (await page.context().cookies()).find((c) => c.name === 'guixu_csrf')?.value ?? '';
}

/** Counts animation frames while `act` runs: frames per second as the page rendered them. */
async function framesPerSecond(page: Page, act: () => Promise<void>): Promise<number> {
  await page.evaluate(`(() => {
    window.__frames = 0;
    window.__counting = true;
    const tick = () => { window.__frames++; if (window.__counting) requestAnimationFrame(tick); };
    window.__start = performance.now();
    requestAnimationFrame(tick);
  })()`);
  await act();
  const result = (await page.evaluate(
    `(() => { window.__counting = false; return { frames: window.__frames, ms: performance.now() - window.__start }; })()`,
  )) as { frames: number; ms: number };
  return (result.frames * 1000) / result.ms;
}

async function main() {
  // Frame rates on a shared machine follow its load: printed so numbers can be compared.
  console.log(
    `load average: ${loadavg()
      .map((l) => l.toFixed(1))
      .join(', ')} on ${cpus().length} cores`,
  );
  const sizes = bundleSizes(process.env.GUIXU_WEB_DIR || join(import.meta.dirname, '..', 'dist'));
  console.log(`initial JS (sign-in, workflows list), gzipped: ${kb(sizes.initialJsGzip)}`);
  console.log(
    `editor chunk(s) loaded on opening a workflow, gzipped: ${kb(sizes.editorJsGzip)} in ${sizes.editorChunks} files`,
  );

  const browser = await launchBrowser();
  const session = await freshSession(browser);
  const { page } = session;
  try {
    const headers = { 'x-guixu-csrf': await csrf(page) };
    const created = await page
      .context()
      .request.post('/api/v1/workflows', { headers, data: chainWorkflow(300) });
    const workflow = (await created.json()) as { id: string };

    const runs: number[] = [];
    const phases: Record<string, number>[] = [];
    for (let i = 0; i < 3; i++) {
      await page.goto('/workflows');
      await page.locator('[data-test=workflow-row]').first().waitFor();
      const started = Date.now();
      await page.goto(`/workflows/${workflow.id}`);
      await page.locator('.vue-flow__node').first().waitFor();
      // Interactive: the canvas painted and the main thread free for the next task.
      await page.evaluate('new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)))');
      runs.push(Date.now() - started);
      phases.push(
        (await page.evaluate(`(() => {
          const at = (name) => Math.round(performance.getEntriesByName(name).at(-1)?.startTime ?? NaN);
          const nav = performance.getEntriesByType('navigation')[0];
          return { domContentLoaded: Math.round(nav?.domContentLoadedEventEnd ?? NaN), data: at('guixu:editor-data'), painted: at('guixu:editor-painted') };
        })()`)) as Record<string, number>,
      );
    }
    console.log(
      `300-node workflow, navigation to interactive: ${runs.map((r) => `${r} ms`).join(', ')} (best ${Math.min(...runs)} ms)`,
    );
    for (const p of phases) {
      console.log(
        `  in the page: DOM ready ${p.domContentLoaded} ms, chunk + catalog + workflow loaded ${p.data} ms, canvas painted ${p.painted} ms`,
      );
    }
    console.log(
      `  nodes in the DOM at once (past 150 nodes, only those on and around the screen): ${await page.locator('.vue-flow__node').count()}`,
    );

    // The same count with nothing happening: what this (shared, loaded) machine renders at best.
    const idle = await framesPerSecond(page, () => page.waitForTimeout(1000));
    console.log(`idle canvas (baseline): ${idle.toFixed(0)} frames/s`);
    const pane = await page.locator('.vue-flow__pane').boundingBox();
    if (pane) {
      const cx = pane.x + pane.width / 2;
      const cy = pane.y + pane.height / 2;
      const pan = await framesPerSecond(page, async () => {
        await page.mouse.move(cx, cy);
        await page.mouse.down();
        for (let i = 0; i < 60; i++) await page.mouse.move(cx - i * 8, cy - i * 4);
        await page.mouse.up();
      });
      console.log(`panning: ${pan.toFixed(0)} frames/s`);
    }
    const node = await page.locator('.vue-flow__node').nth(3).boundingBox();
    if (node) {
      const drag = await framesPerSecond(page, async () => {
        await page.mouse.move(node.x + 40, node.y + 20);
        await page.mouse.down();
        for (let i = 0; i < 60; i++) await page.mouse.move(node.x + 40 + i * 5, node.y + 20 + i * 2);
        await page.mouse.up();
      });
      console.log(`dragging a node: ${drag.toFixed(0)} frames/s`);
    }

    // Zoomed out to the whole workflow: every node is on the screen, so every node renders.
    const fitStarted = Date.now();
    await page.locator('[data-test=fit-view]').click();
    await page.waitForFunction('document.querySelectorAll(".vue-flow__node").length >= 300');
    await page.evaluate('new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)))');
    console.log(`fit to view (all 300 nodes rendered): ${Date.now() - fitStarted} ms`);
    const wide = await page.locator('.vue-flow__pane').boundingBox();
    if (wide) {
      const y = wide.y + wide.height - 30;
      const zoomedOut = await framesPerSecond(page, async () => {
        await page.mouse.move(wide.x + wide.width / 2, y);
        await page.mouse.down();
        for (let i = 0; i < 60; i++) await page.mouse.move(wide.x + wide.width / 2 - i * 4, y - i);
        await page.mouse.up();
      });
      console.log(`panning with all 300 nodes rendered: ${zoomedOut.toFixed(0)} frames/s`);
    }

    // An execution with 1,000 items per node.
    const small = await page.context().request.post('/api/v1/workflows', { headers, data: chainWorkflow(3) });
    const smallId = ((await small.json()) as { id: string }).id;
    const input = Array.from({ length: 1000 }, (_, i) => ({
      id: i,
      name: `item ${i}`,
      email: `user${i}@example.com`,
    }));
    const run = await page
      .context()
      .request.post(`/api/v1/workflows/${smallId}/run`, { headers, data: { input, wait: true } });
    const executionId = ((await run.json()) as { executionId: string }).executionId;
    const openStarted = Date.now();
    await page.goto(`/executions/${executionId}`);
    await page.locator('.vue-flow__node[data-id="Set 2"]').waitFor();
    const canvasMs = Date.now() - openStarted;
    const panelStarted = Date.now();
    await page.locator('.vue-flow__node[data-id="Set 2"]').dblclick();
    await page.locator('[data-test=data-output] tbody tr td').first().waitFor();
    console.log(
      `execution with 1,000 items per node: canvas in ${canvasMs} ms, first output rows ${Date.now() - panelStarted} ms after opening the node (${await page.locator('[data-test=data-output] tbody tr').count()} rows in the DOM)`,
    );
  } finally {
    await session.close();
    await browser.close();
  }
}

await main();

// Records a Chromium performance trace (through CDP) of opening a 300-node
// workflow, then panning and dragging in it, and prints where the renderer's
// main thread and the compositor spent their time (script, style, layout,
// paint, animation frames), plus the main thread's long tasks:
//   npx tsx packages/web/bench/editor.trace.ts
import type { Browser, Page } from 'playwright-core';
import { launchBrowser } from '../e2e/harness/browser.ts';
import { freshSession } from '../e2e/harness/session.ts';
import { chainWorkflow } from './workflows.ts';

interface TraceEvent {
  name: string;
  ph: string;
  ts: number;
  dur?: number;
  pid: number;
  tid: number;
  args?: { name?: string };
}

const CATEGORIES = [
  'devtools.timeline',
  'disabled-by-default-devtools.timeline',
  'v8.execute',
  'blink',
  'cc',
  '__metadata',
];

function summarise(events: TraceEvent[], label: string, top = 16) {
  const threads = new Map<string, string>();
  for (const e of events)
    if (e.name === 'thread_name' && e.args?.name) threads.set(`${e.pid}:${e.tid}`, e.args.name);
  const byThread = new Map<string, Map<string, number>>();
  const complete = events.filter((e) => e.ph === 'X' && e.dur);
  for (const e of complete) {
    const thread = threads.get(`${e.pid}:${e.tid}`) ?? '?';
    if (!/^(CrRendererMain|Compositor)$/.test(thread)) continue;
    const totals = byThread.get(thread) ?? new Map<string, number>();
    totals.set(e.name, (totals.get(e.name) ?? 0) + (e.dur ?? 0));
    byThread.set(thread, totals);
  }
  console.log(`=== ${label}`);
  for (const [thread, totals] of byThread) {
    console.log(`-- ${thread}`);
    for (const [name, us] of [...totals.entries()].sort((a, b) => b[1] - a[1]).slice(0, top)) {
      console.log(`${(us / 1000).toFixed(1).padStart(9)} ms  ${name}`);
    }
  }
  const start = Math.min(...events.filter((e) => e.ts > 0).map((e) => e.ts));
  const long = complete.filter(
    (e) =>
      e.name === 'RunTask' && threads.get(`${e.pid}:${e.tid}`) === 'CrRendererMain' && (e.dur ?? 0) > 50_000,
  );
  console.log(
    `long tasks (start+duration ms): ${long.map((e) => `${((e.ts - start) / 1000).toFixed(0)}+${((e.dur ?? 0) / 1000).toFixed(0)}`).join(' ') || 'none'}`,
  );
}

async function traced(browser: Browser, page: Page, label: string, act: () => Promise<void>) {
  await browser.startTracing(page, { categories: CATEGORIES });
  await act();
  const trace = JSON.parse((await browser.stopTracing()).toString()) as { traceEvents: TraceEvent[] };
  summarise(trace.traceEvents, label);
}

const browser = await launchBrowser();
const session = await freshSession(browser);
const { page } = session;
try {
  const csrf = (await page.context().cookies()).find((c) => c.name === 'guixu_csrf')?.value ?? '';
  const created = await page
    .context()
    .request.post('/api/v1/workflows', { headers: { 'x-guixu-csrf': csrf }, data: chainWorkflow(300) });
  const { id } = (await created.json()) as { id: string };
  await page.goto('/workflows');
  await page.locator('[data-test=workflow-row]').first().waitFor();
  await traced(browser, page, 'opening a 300-node workflow', async () => {
    await page.goto(`/workflows/${id}`);
    await page.locator('.vue-flow__node').first().waitFor();
    await page.evaluate('new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)))');
  });
  const pane = await page.locator('.vue-flow__pane').boundingBox();
  if (pane) {
    await traced(browser, page, 'panning', async () => {
      await page.mouse.move(pane.x + pane.width / 2, pane.y + pane.height / 2);
      await page.mouse.down();
      for (let i = 0; i < 60; i++)
        await page.mouse.move(pane.x + pane.width / 2 - i * 8, pane.y + pane.height / 2 - i * 4);
      await page.mouse.up();
    });
  }
  const node = await page.locator('.vue-flow__node').nth(3).boundingBox();
  if (node) {
    await traced(browser, page, 'dragging a node', async () => {
      await page.mouse.move(node.x + 40, node.y + 20);
      await page.mouse.down();
      for (let i = 0; i < 60; i++) await page.mouse.move(node.x + 40 + i * 5, node.y + 20 + i * 2);
      await page.mouse.up();
    });
  }
} finally {
  await session.close();
  await browser.close();
}

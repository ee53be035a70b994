// Profiles opening a 300-node workflow in Chromium (CPU profile through CDP) and
// prints the functions with the most self time, to find what to make faster:
//   (cd packages/web && npx vite build --minify false) && npx tsx packages/web/bench/editor.profile.ts
// (an unminified build keeps the function names readable).
import type { Page } from 'playwright-core';
import { launchBrowser } from '../e2e/harness/browser.ts';
import { freshSession } from '../e2e/harness/session.ts';
import { chainWorkflow } from './workflows.ts';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

function summarise(profile: Profile, top = 40): string[] {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map<string, number>();
  const total = profile.timeDeltas.reduce((a, b) => a + b, 0);
  profile.samples.forEach((id, i) => {
    const node = byId.get(id);
    if (!node) return;
    const f = node.callFrame;
    const file = f.url.split('/').at(-1) ?? '';
    const key = `${f.functionName || '(anonymous)'} ${file}:${f.lineNumber + 1}`;
    self.set(key, (self.get(key) ?? 0) + (profile.timeDeltas[i] ?? 0));
  });
  return [
    `total sampled ${(total / 1000).toFixed(0)} ms`,
    ...[...self.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([k, us]) => `${(us / 1000).toFixed(1).padStart(8)} ms  ${k}`),
  ];
}

async function profiled(page: Page, act: () => Promise<void>): Promise<Profile> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
  await cdp.send('Profiler.start');
  await act();
  const { profile } = (await cdp.send('Profiler.stop')) as unknown as { profile: Profile };
  await cdp.detach();
  return profile;
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
  await page.goto(`/workflows/${id}`);
  await page.locator('.vue-flow__node').first().waitFor();
  await page.goto('/workflows');
  await page.locator('[data-test=workflow-row]').first().waitFor();
  const open = await profiled(page, async () => {
    await page.goto(`/workflows/${id}`);
    await page.locator('.vue-flow__node').first().waitFor();
    await page.evaluate('new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)))');
  });
  if (process.env.PROFILE_OUT) {
    const { writeFileSync } = await import('node:fs');
    writeFileSync(process.env.PROFILE_OUT, JSON.stringify(open));
  }
  console.log('--- opening a 300-node workflow');
  console.log(summarise(open).join('\n'));
  const pane = await page.locator('.vue-flow__pane').boundingBox();
  if (pane) {
    const pan = await profiled(page, async () => {
      await page.mouse.move(pane.x + pane.width / 2, pane.y + pane.height / 2);
      await page.mouse.down();
      for (let i = 0; i < 60; i++)
        await page.mouse.move(pane.x + pane.width / 2 - i * 8, pane.y + pane.height / 2 - i * 4);
      await page.mouse.up();
    });
    console.log('--- panning');
    console.log(summarise(pan, 25).join('\n'));
  }
  const node = await page.locator('.vue-flow__node').nth(3).boundingBox();
  if (node) {
    const drag = await profiled(page, async () => {
      await page.mouse.move(node.x + 40, node.y + 20);
      await page.mouse.down();
      for (let i = 0; i < 60; i++) await page.mouse.move(node.x + 40 + i * 5, node.y + 20 + i * 2);
      await page.mouse.up();
    });
    console.log('--- dragging a node');
    console.log(summarise(drag, 25).join('\n'));
  }
} finally {
  await session.close();
  await browser.close();
}

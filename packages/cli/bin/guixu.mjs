#!/usr/bin/env node
// Runs the production bundle (dist/guixu.mjs, written by `npm run build` and by
// `npm start`) when it is up to date with the sources: plain node, fast start.
// Otherwise, or with GUIXU_FROM_SOURCE=1, runs the TypeScript sources through
// tsx's loader, so development never needs a build step.
import { pathToFileURL } from 'node:url';
import { bundleEntry, bundleState } from '../../../scripts/bundle-state.mjs';

if (process.env.GUIXU_FROM_SOURCE !== '1' && bundleState() === 'fresh') {
  await import(pathToFileURL(bundleEntry).href);
} else {
  const { register } = await import('tsx/esm/api');
  register();
  await import('../src/main.ts');
}

import { buildWeb, webBuildState } from '../../../../scripts/build-web.mjs';

/**
 * Builds the app once per test run when its sources changed since the last build; not when
 * GUIXU_WEB_DIR names a build of its own (the bench compares two builds that way).
 */
export async function ensureWebBuild(): Promise<void> {
  if (process.env.GUIXU_WEB_DIR) return;
  if (webBuildState() !== 'fresh') await buildWeb({ quiet: true });
}

import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/**
 * Where the built web app is: `GUIXU_WEB_DIR` when set (packagers, tests),
 * else `packages/web/dist` seen from the server sources (tsx) or from the
 * bundle in `dist/` (`npm start`).
 */
export function findWebDist(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const explicit = env.GUIXU_WEB_DIR;
  if (explicit !== undefined && explicit !== '') return existsSync(explicit) ? explicit : undefined;
  const candidates = [
    new URL('../packages/web/dist/', import.meta.url),
    new URL('../../../../web/dist/', import.meta.url),
  ];
  for (const candidate of candidates) {
    const dir = fileURLToPath(candidate);
    if (existsSync(`${dir}index.html`)) return dir;
  }
  return undefined;
}

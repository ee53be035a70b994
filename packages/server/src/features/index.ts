import { readdir } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Feature } from '../context.ts';

const here = dirname(fileURLToPath(import.meta.url));

function isFeature(value: unknown): value is Feature {
  return (
    typeof value === 'object' &&
    value !== null &&
    'name' in value &&
    typeof Reflect.get(value, 'name') === 'string'
  );
}

let discovered: Promise<Feature[]> | undefined;

/** Every `features/<name>/plugin.ts` exporting `feature`, in `order`: adding a feature is adding a folder. */
export function discoverFeatures(): Promise<Feature[]> {
  discovered ??= (async () => {
    const entries = await readdir(here, { withFileTypes: true });
    const features: Feature[] = [];
    for (const entry of entries.filter((e) => e.isDirectory()).sort((a, b) => a.name.localeCompare(b.name))) {
      const files = await readdir(join(here, entry.name));
      const file = files.find((f) => /^plugin\.(ts|js|mjs)$/.test(f));
      if (!file) continue;
      const mod: Record<string, unknown> = await import(pathToFileURL(join(here, entry.name, file)).href);
      if (!isFeature(mod.feature))
        throw new Error(`features/${entry.name}/${file} does not export a feature`);
      features.push(mod.feature);
    }
    return sortFeatures(features);
  })();
  return discovered;
}

export function sortFeatures(features: Feature[]): Feature[] {
  return [...features].sort((a, b) => (a.order ?? 100) - (b.order ?? 100) || a.name.localeCompare(b.name));
}

import type { Feature } from '../context.ts';

function isFeature(value: unknown): value is Feature {
  return (
    typeof value === 'object' &&
    value !== null &&
    'name' in value &&
    typeof Reflect.get(value, 'name') === 'string'
  );
}

let discovered: Promise<Feature[]> | undefined;

/**
 * Every `features/<name>/plugin.ts` exporting `feature`, in `order`: adding a
 * feature is adding a folder (and `npm run generate`, which `npm test` and
 * `npm start` run for you, writes the index in `generated.ts`).
 */
export function discoverFeatures(): Promise<Feature[]> {
  discovered ??= (async () => {
    const { featureFiles } = await import('./generated.ts');
    const features: Feature[] = [];
    for (const [file, mod] of Object.entries(featureFiles)) {
      if (!isFeature(mod.feature)) throw new Error(`features/${file} does not export a feature`);
      features.push(mod.feature);
    }
    return sortFeatures(features);
  })();
  return discovered;
}

export function sortFeatures(features: Feature[]): Feature[] {
  return [...features].sort((a, b) => (a.order ?? 100) - (b.order ?? 100) || a.name.localeCompare(b.name));
}

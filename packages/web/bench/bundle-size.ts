import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

interface ManifestChunk {
  file: string;
  isEntry?: boolean;
  imports?: string[];
  dynamicImports?: string[];
  css?: string[];
}

/** Files a chunk needs before it runs: itself and its static imports, recursively. */
function closure(
  manifest: Record<string, ManifestChunk>,
  key: string,
  seen = new Set<string>(),
): Set<string> {
  if (seen.has(key)) return seen;
  seen.add(key);
  for (const next of manifest[key]?.imports ?? []) closure(manifest, next, seen);
  return seen;
}

const gz = (path: string) => gzipSync(readFileSync(path), { level: 9 }).length;

/** Gzipped JavaScript of the sign-in/list screens (the entry) and what opening the editor adds. */
export function bundleSizes(dist: string) {
  const manifest: Record<string, ManifestChunk> = JSON.parse(
    readFileSync(join(dist, '.vite', 'manifest.json'), 'utf8'),
  );
  const entry = Object.keys(manifest).find((k) => manifest[k]?.isEntry);
  const editor = Object.keys(manifest).find((k) => k.endsWith('EditorView.vue'));
  if (!entry || !editor) throw new Error('manifest without the entry or the editor chunk');
  const initial = closure(manifest, entry);
  const editorOnly = [...closure(manifest, editor)].filter((k) => !initial.has(k));
  const size = (keys: Iterable<string>) => {
    let total = 0;
    for (const key of keys) {
      const chunk = manifest[key];
      if (chunk) total += gz(join(dist, chunk.file));
    }
    return total;
  };
  return { initialJsGzip: size(initial), editorJsGzip: size(editorOnly), editorChunks: editorOnly.length };
}

export const repoRoot: string;
export const distDir: string;
/** dist/guixu.mjs */
export const bundleEntry: string;
/** `missing`, `stale` (a source is newer than the bundle) or `fresh`; `root` defaults to the repository. */
export function bundleState(root?: string): 'missing' | 'stale' | 'fresh';

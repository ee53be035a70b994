import product from '../../../package.json' with { type: 'json' };

/** The GuixuFlow release: the repository's package.json, inlined into the bundle by esbuild. */
export const VERSION: string = product.version;

import type { BuildOptions } from 'esbuild';

export const RUNTIME_FACTORY_GLOBAL: string;
export function runtimeBundleOptions(): BuildOptions;

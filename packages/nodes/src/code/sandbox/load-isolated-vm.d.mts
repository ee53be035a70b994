import type IsolatedVm from 'isolated-vm';

/** The aliases to try, the one made for this Node first. */
export function isolatedVmCandidates(nodeVersion?: string): string[];
/**
 * isolated-vm 6 (Node >= 22) or 5 (Node <= 20); both expose the API used here.
 * Types come from 5, the build the CI type-checks on.
 */
export function loadIsolatedVm(): typeof IsolatedVm;

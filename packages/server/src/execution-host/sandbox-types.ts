import type { SandboxPool } from '@guixu/nodes';

/** The Code-node sandbox pool's public run API, as the proxy on both sides of the channel uses it. */
export type SandboxRunOptions = Parameters<SandboxPool['run']>[0];
export type SandboxOutcome = Awaited<ReturnType<SandboxPool['run']>>;
export type LookupRequest = Parameters<SandboxRunOptions['onLookup']>[0];
export type LookupResponse = Awaited<ReturnType<SandboxRunOptions['onLookup']>>;

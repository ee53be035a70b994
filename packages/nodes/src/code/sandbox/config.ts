/** Limits for user code, read per run so operators (and tests) can change them without a restart. */
export interface SandboxLimits {
  memoryMb: number;
  timeoutMs: number;
}

export const DEFAULT_MEMORY_MB = 128;
export const DEFAULT_TIMEOUT_MS = 60_000;
/** isolated-vm refuses isolates smaller than 8 MB. */
const MIN_MEMORY_MB = 8;

function positiveInt(raw: string | undefined, fallback: number, min: number): number {
  if (raw === undefined || raw.trim() === '') return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value <= 0) return fallback;
  return Math.max(min, Math.floor(value));
}

export function sandboxLimits(env: NodeJS.ProcessEnv = process.env): SandboxLimits {
  return {
    memoryMb: positiveInt(env.GUIXU_CODE_MEMORY_MB, DEFAULT_MEMORY_MB, MIN_MEMORY_MB),
    timeoutMs: positiveInt(env.GUIXU_CODE_TIMEOUT_MS, DEFAULT_TIMEOUT_MS, 1),
  };
}

/** Sandbox processes kept per host process; each runs one Code node at a time. */
export function sandboxProcessCount(env: NodeJS.ProcessEnv = process.env): number {
  return Math.min(8, positiveInt(env.GUIXU_CODE_PROCESSES, 2, 1));
}

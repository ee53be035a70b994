import { GuixuError } from '@guixu/core';
import { z } from 'zod';

/** Limits for user code, read per run so operators (and tests) can change them without a restart. */
export interface SandboxLimits {
  memoryMb: number;
  timeoutMs: number;
}

export interface CodeSettings extends SandboxLimits {
  /** Most sandbox processes per host process (started on demand); each runs one Code node at a time. */
  processes: number;
  /** Most of them one project may hold while its other runs wait (default: half, rounded up). */
  processesPerProject?: number;
}

export const DEFAULT_MEMORY_MB = 128;
export const DEFAULT_TIMEOUT_MS = 60_000;
/**
 * Starting Pyodide (a cold Python interpreter) may take this long on top of a job's time
 * limit: the limit is the user's code's, and a start is not its fault.
 */
export const PYTHON_START_GRACE_MS = 60_000;
const DEFAULT_PROCESSES = 4;
const MAX_PROCESSES = 32;

const whole = (min: number, max: number) =>
  z
    .string()
    .trim()
    .regex(/^\d+$/, 'must be a whole number')
    .transform(Number)
    .pipe(z.number().int().min(min, `must be at least ${min}`).max(max, `must be at most ${max}`))
    .optional();

/**
 * The Code node's variables. The server's configuration module parses them
 * with every other setting at start (a bad value stops the start); a run
 * reads them again so a change applies without a restart.
 */
export const codeSettingsSchema = z.object({
  /** isolated-vm refuses isolates smaller than 8 MB. */
  GUIXU_CODE_MEMORY_MB: whole(8, 65_536),
  GUIXU_CODE_TIMEOUT_MS: whole(1, 86_400_000),
  GUIXU_CODE_PROCESSES: whole(1, MAX_PROCESSES),
  GUIXU_CODE_PROCESSES_PER_PROJECT: whole(1, MAX_PROCESSES),
});

type CodeEnv = z.output<typeof codeSettingsSchema>;

/** Values from the configuration module (e.g. a `.env` file); the process environment wins over them. */
let configured: Partial<CodeEnv> = {};

export function codeSettingsFrom(values: CodeEnv): CodeSettings {
  const processes = values.GUIXU_CODE_PROCESSES ?? DEFAULT_PROCESSES;
  return {
    memoryMb: values.GUIXU_CODE_MEMORY_MB ?? DEFAULT_MEMORY_MB,
    timeoutMs: values.GUIXU_CODE_TIMEOUT_MS ?? DEFAULT_TIMEOUT_MS,
    processes,
    processesPerProject: Math.min(
      processes,
      values.GUIXU_CODE_PROCESSES_PER_PROJECT ?? Math.ceil(processes / 2),
    ),
  };
}

/** The server hands over the settings it validated at start (they may come from a `.env` file). */
export function configureCode(settings: CodeSettings): void {
  configured = {
    GUIXU_CODE_MEMORY_MB: settings.memoryMb,
    GUIXU_CODE_TIMEOUT_MS: settings.timeoutMs,
    GUIXU_CODE_PROCESSES: settings.processes,
    GUIXU_CODE_PROCESSES_PER_PROJECT: settings.processesPerProject,
  };
}

/** A bad value is an operator's error naming the variable, never a silent fallback. */
function readCodeSettings(env: NodeJS.ProcessEnv): CodeSettings {
  const known = Object.fromEntries(
    Object.keys(codeSettingsSchema.shape).map((k) => [k, env[k] === '' ? undefined : env[k]]),
  );
  const parsed = codeSettingsSchema.safeParse(known);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const variable = String(issue.path[0]);
    throw new GuixuError('CONFIG_INVALID', `${variable}: ${issue.message} (got "${known[variable]}")`, {
      audience: 'operator',
      details: { variable },
    });
  }
  const values = { ...parsed.data };
  for (const key of Object.keys(values) as (keyof CodeEnv)[]) values[key] ??= configured[key];
  return codeSettingsFrom(values);
}

export function sandboxLimits(env: NodeJS.ProcessEnv = process.env): SandboxLimits {
  const { memoryMb, timeoutMs } = readCodeSettings(env);
  return { memoryMb, timeoutMs };
}

export function sandboxProcessCount(env: NodeJS.ProcessEnv = process.env): number {
  return readCodeSettings(env).processes;
}

export function sandboxProcessesPerProject(env: NodeJS.ProcessEnv = process.env): number {
  const { processes, processesPerProject } = readCodeSettings(env);
  return processesPerProject ?? Math.ceil(processes / 2);
}

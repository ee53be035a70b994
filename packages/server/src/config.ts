import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { GuixuError } from '@guixu/core';
import { z } from 'zod';
import { readEnvFile } from './env-file.ts';

export type DatabaseConfig =
  | { kind: 'sqlite'; file: string }
  | {
      kind: 'postgres';
      url: string /** Tables live in this schema (created if missing). */;
      schema?: string;
    };

export type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';

export interface ServerConfig {
  port: number;
  host: string;
  dataDir: string;
  database: DatabaseConfig;
  logLevel: LogLevel;
  /** Executions running at once in this instance. */
  maxConcurrency: number;
  /** Executions waiting for a slot before new ones are refused (429/503). */
  maxPending: number;
  /** Largest request body in bytes. */
  bodyLimit: number;
  /** Base URL used in webhook and resume URLs; defaults to http://host:port. */
  publicUrl: string;
  retention: {
    /** Executions older than this many days are pruned; 0 keeps them. */
    maxAgeDays: number;
    /** At most this many finished executions are kept; 0 means no limit. */
    maxCount: number;
    pruneIntervalMinutes: number;
  };
  /** How long a shutdown waits for running work before closing anyway. */
  shutdownTimeoutMs: number;
}

export interface ConfigIssue {
  variable: string;
  value: string | undefined;
  message: string;
}

export class ConfigError extends GuixuError {
  readonly issues: ConfigIssue[];
  constructor(issues: ConfigIssue[]) {
    super('CONFIG_INVALID', `Invalid configuration:\n${issues.map(formatIssue).join('\n')}`, {
      audience: 'operator',
      details: { issues },
    });
    this.name = 'ConfigError';
    this.issues = issues;
  }
}

function formatIssue(issue: ConfigIssue): string {
  const shown = issue.value === undefined ? '' : ` (got "${issue.value}")`;
  return `  ${issue.variable}: ${issue.message}${shown}`;
}

const SIZE_UNITS: Record<string, number> = { '': 1, b: 1, kb: 1024, mb: 1024 ** 2, gb: 1024 ** 3 };

const integer = (min: number, max: number) =>
  z
    .string()
    .trim()
    .regex(/^\d+$/, 'must be a whole number')
    .transform(Number)
    .pipe(z.number().int().min(min, `must be at least ${min}`).max(max, `must be at most ${max}`));

const size = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^\d+(\.\d+)?\s*(b|kb|mb|gb)?$/, 'must be a size like 16mb, 512kb or a number of bytes')
  .transform((v) => {
    const [, n, unit = ''] = /^([\d.]+)\s*([a-z]*)$/.exec(v) ?? [];
    return Math.floor(Number(n) * SIZE_UNITS[unit]);
  })
  .pipe(
    z
      .number()
      .int()
      .min(1024, 'must be at least 1kb')
      .max(1024 ** 3, 'must be at most 1gb'),
  );

const envSchema = z.object({
  GUIXU_PORT: integer(0, 65535).default(5680),
  GUIXU_HOST: z.string().trim().min(1, 'must not be empty').default('127.0.0.1'),
  GUIXU_DATA_DIR: z.string().trim().min(1, 'must not be empty').optional(),
  DATABASE_URL: z
    .string()
    .trim()
    .regex(/^(postgres|postgresql|sqlite):/, 'must start with postgres://, postgresql:// or sqlite:')
    .optional(),
  GUIXU_DATABASE_SCHEMA: z
    .string()
    .regex(/^[a-z_][a-z0-9_]{0,62}$/, 'must be a lower-case SQL identifier')
    .optional(),
  GUIXU_LOG_LEVEL: z
    .enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], {
      error: 'must be one of fatal, error, warn, info, debug, trace, silent',
    })
    .default('info'),
  GUIXU_MAX_CONCURRENCY: integer(1, 10_000).default(32),
  GUIXU_MAX_PENDING: integer(0, 1_000_000).default(1000),
  GUIXU_BODY_LIMIT: size.default(16 * 1024 * 1024),
  GUIXU_PUBLIC_URL: z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }).optional(),
  GUIXU_EXECUTIONS_MAX_AGE_DAYS: integer(0, 36_500).default(14),
  GUIXU_EXECUTIONS_MAX_COUNT: integer(0, 100_000_000).default(10_000),
  GUIXU_EXECUTIONS_PRUNE_INTERVAL_MINUTES: integer(1, 10_080).default(60),
  GUIXU_SHUTDOWN_TIMEOUT_SECONDS: integer(0, 3600).default(30),
});

export interface LoadConfigOptions {
  /** Defaults to `process.env`. */
  env?: Record<string, string | undefined>;
  /** Where the first `.env` is looked for; defaults to the working directory. */
  cwd?: string;
  /** Values that win over everything (tests, CLI flags). */
  overrides?: Record<string, string | undefined>;
}

const DEFAULT_DATA_DIR = join(homedir(), '.guixu');

/**
 * Reads the configuration. Precedence: overrides, environment, `.env` in the
 * working directory, `.env` in the data directory. Throws a ConfigError that
 * lists every bad value.
 */
export function loadConfig(options: LoadConfigOptions = {}): ServerConfig {
  const cwd = options.cwd ?? process.cwd();
  const env = options.env ?? process.env;
  const fromCwd = readEnvFile(join(cwd, '.env'));
  const early = { ...fromCwd, ...definedOnly(env), ...definedOnly(options.overrides ?? {}) };
  const dataDir = resolve(cwd, expandHome(early.GUIXU_DATA_DIR?.trim() || DEFAULT_DATA_DIR));
  const fromDataDir = readEnvFile(join(dataDir, '.env'));
  const merged = { ...fromDataDir, ...early };
  const known = Object.fromEntries(
    Object.keys(envSchema.shape).map((key) => [key, merged[key] === '' ? undefined : merged[key]]),
  );
  const parsed = envSchema.safeParse(known);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((issue) => {
        const variable = String(issue.path[0] ?? 'config');
        return { variable, value: known[variable], message: issue.message };
      }),
    );
  }
  const v = parsed.data;
  return {
    port: v.GUIXU_PORT,
    host: v.GUIXU_HOST,
    dataDir,
    database: databaseConfig(v.DATABASE_URL, v.GUIXU_DATABASE_SCHEMA, dataDir),
    logLevel: v.GUIXU_LOG_LEVEL,
    maxConcurrency: v.GUIXU_MAX_CONCURRENCY,
    maxPending: v.GUIXU_MAX_PENDING,
    bodyLimit: v.GUIXU_BODY_LIMIT,
    publicUrl: (v.GUIXU_PUBLIC_URL ?? `http://${urlHost(v.GUIXU_HOST)}:${v.GUIXU_PORT}`).replace(/\/+$/, ''),
    retention: {
      maxAgeDays: v.GUIXU_EXECUTIONS_MAX_AGE_DAYS,
      maxCount: v.GUIXU_EXECUTIONS_MAX_COUNT,
      pruneIntervalMinutes: v.GUIXU_EXECUTIONS_PRUNE_INTERVAL_MINUTES,
    },
    shutdownTimeoutMs: v.GUIXU_SHUTDOWN_TIMEOUT_SECONDS * 1000,
  };
}

function databaseConfig(
  url: string | undefined,
  schema: string | undefined,
  dataDir: string,
): DatabaseConfig {
  if (url === undefined) return { kind: 'sqlite', file: join(dataDir, 'guixu.sqlite') };
  if (url.startsWith('sqlite:')) {
    const path = url.slice('sqlite:'.length).replace(/^\/\//, '');
    return { kind: 'sqlite', file: path === ':memory:' ? path : resolve(dataDir, path) };
  }
  return schema === undefined ? { kind: 'postgres', url } : { kind: 'postgres', url, schema };
}

function expandHome(path: string): string {
  if (path === '~') return homedir();
  if (path.startsWith('~/')) return join(homedir(), path.slice(2));
  return path;
}

function urlHost(host: string): string {
  if (host === '0.0.0.0' || host === '::') return '127.0.0.1';
  return host.includes(':') && !host.startsWith('[') ? `[${host}]` : host;
}

function definedOnly(record: Record<string, string | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(record)) if (value !== undefined) out[key] = value;
  return out;
}

/** For entry points: prints each bad value and exits with code 1. */
export function loadConfigOrExit(options: LoadConfigOptions = {}): ServerConfig {
  try {
    return loadConfig(options);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    process.stderr.write(`${error.message}\n`);
    process.exit(1);
  }
}

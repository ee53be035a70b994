import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { type CodeSettings, codeSettingsFrom, codeSettingsSchema } from '@guixu/nodes';
import { DateTime } from 'luxon';
import { z } from 'zod';
import {
  type BinaryStoreSettings,
  binaryStoreSettingsFrom,
  binaryStoreSettingsSchema,
} from './binary/settings.ts';
import { ConfigError, parseEnvSection } from './config/errors.ts';
import { flag, integer, size, type TrustProxy, trustProxy } from './config/values.ts';
import { readEnvFile } from './env-file.ts';
import {
  type ExecutionSettings,
  executionSettingsFrom,
  executionSettingsSchema,
} from './execution-host/settings.ts';
import type { MissedTickPolicy } from './features/schedules/schedule-service.ts';
import {
  type TracingSettings,
  tracingSettingsFrom,
  tracingSettingsSchema,
} from './observability/tracing-settings.ts';
import { type QueueSettings, queueSettingsFrom, queueSettingsSchema } from './queue/settings.ts';
import { parseKey } from './security/instance-key.ts';
import { type SecuritySettings, securitySettingsFrom, securitySettingsSchema } from './security/settings.ts';
import { WEBHOOK_SANDBOX_MODES, type WebhookSandbox } from './security/webhook-sandbox.ts';

export { ConfigError, type ConfigIssue } from './config/errors.ts';
export type { TrustProxy } from './config/values.ts';

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
  /** Base URL of the API and the editor; defaults to http://host:port. */
  publicUrl: string;
  /** Base of webhook, test-webhook, form and resume URLs (`GUIXU_WEBHOOK_URL`); defaults to `publicUrl`. */
  webhookUrl: string;
  /** How webhook and form answers are sandboxed in a browser (`GUIXU_WEBHOOK_SANDBOX`, docs/security.md). */
  webhookSandbox: WebhookSandbox;
  retention: {
    /** Executions older than this many days are pruned; 0 keeps them. */
    maxAgeDays: number;
    /** At most this many finished executions are kept; 0 means no limit. */
    maxCount: number;
    pruneIntervalMinutes: number;
  };
  /** How long a shutdown waits for running work before closing anyway. */
  shutdownTimeoutMs: number;
  /** Which proxies' `X-Forwarded-For` is believed (Fastify `trustProxy`); false: the socket address. */
  trustProxy: TrustProxy;
  /** One log line per request (method, path, status, time) at info level. */
  logRequests: boolean;
  /** WebSocket push pings its clients this often; one that misses a ping is closed. */
  pushPingSeconds: number;
  /** When set, `/metrics` answers only `Authorization: Bearer <token>` (`GUIXU_METRICS_TOKEN`). */
  metricsToken?: string;
  security: SecuritySettings;
  schedules: { missed: MissedTickPolicy };
  /** Code node limits (packages/nodes reads them per run; the environment still wins there). */
  code: CodeSettings;
  /** Settings nodes read from the environment in every execution thread (see `exportNodeSettings`). */
  nodes: NodeSettings;
  /** Execution worker threads and their limits, run data size limits (docs/server.md). */
  executions: ExecutionSettings;
  /** `GUIXU_ENCRYPTION_KEY` when set (checked here); otherwise the key file in the data directory. */
  encryptionKey?: string;
  /** Default time zone of workflows without `settings.timezone` (`GUIXU_TIMEZONE`, IANA name); UTC when unset. */
  timezone?: string;
  /** Queue mode (`GUIXU_QUEUE_URL`, docs/scaling.md); absent: everything runs in this process. */
  queue?: QueueSettings;
  /** OpenTelemetry traces over OTLP/HTTP (`OTEL_EXPORTER_OTLP_ENDPOINT`); absent: none. */
  tracing?: TracingSettings;
  /** Where binary data is kept (`GUIXU_BINARY_STORE`: the data directory, or S3; docs/scaling.md). */
  binaryStore: BinaryStoreSettings;
  /** Workflow callback delivery (docs/workflow-callbacks.md). */
  callbacks: {
    /** First retry after this many ms, doubling each time (`GUIXU_CALLBACK_RETRY_BASE_MS`). */
    retryBaseMs: number;
    /** Tries before a callback is given up (`GUIXU_CALLBACK_MAX_ATTEMPTS`). */
    maxAttempts: number;
  };
}

/** What file and command nodes read from `process.env` in each execution thread. */
export interface NodeSettings {
  /** The one directory Read/Write Files reaches (`GUIXU_FILES_DIR`, default `files/` in the data directory). */
  filesDir: string;
  /** Largest file the file and format nodes read or unpack, MB (`GUIXU_FILE_NODES_MAX_MB`). */
  fileNodesMaxMb: number;
  /** Whether the Execute Command node may run (`GUIXU_ALLOW_EXECUTE_COMMAND`). */
  allowExecuteCommand: boolean;
  /**
   * The Vector Store (SQLite) node's database (`GUIXU_VECTOR_DB_PATH`, default `vectors.db` in the data
   * directory): one file every execution thread shares, so a collection outlives its run and the server.
   */
  vectorDbPath: string;
}

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
  GUIXU_WEBHOOK_URL: z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }).optional(),
  GUIXU_WEBHOOK_SANDBOX: z
    .enum(WEBHOOK_SANDBOX_MODES, { error: 'must be "strict", "scripts" or "off"' })
    .default('strict'),
  GUIXU_EXECUTIONS_MAX_AGE_DAYS: integer(0, 36_500).default(14),
  GUIXU_EXECUTIONS_MAX_COUNT: integer(0, 100_000_000).default(10_000),
  GUIXU_EXECUTIONS_PRUNE_INTERVAL_MINUTES: integer(1, 10_080).default(60),
  GUIXU_SHUTDOWN_TIMEOUT_SECONDS: integer(0, 3600).default(30),
  GUIXU_TRUST_PROXY: trustProxy.default(false),
  GUIXU_LOG_REQUESTS: flag.default(false),
  GUIXU_PUSH_PING_SECONDS: integer(1, 3600).default(30),
  GUIXU_METRICS_TOKEN: z.string().trim().min(16, 'must be at least 16 characters').optional(),
  GUIXU_TIMEZONE: z
    .string()
    .trim()
    .refine((zone) => DateTime.now().setZone(zone).isValid, 'must be an IANA time zone such as Europe/Berlin')
    .optional(),
  GUIXU_FILES_DIR: z.string().trim().min(1, 'must not be empty').optional(),
  GUIXU_VECTOR_DB_PATH: z.string().trim().min(1, 'must not be empty').optional(),
  GUIXU_FILE_NODES_MAX_MB: integer(1, 65_536).default(256),
  GUIXU_ALLOW_EXECUTE_COMMAND: flag.default(false),
  GUIXU_CALLBACK_RETRY_BASE_MS: integer(1, 3_600_000).default(1000),
  GUIXU_CALLBACK_MAX_ATTEMPTS: integer(1, 100).default(10),
  GUIXU_SCHEDULE_MISSED: z
    .enum(['skip', 'fireOnce'], { error: 'must be "skip" or "fireOnce"' })
    .default('skip'),
  GUIXU_ENCRYPTION_KEY: z
    .string()
    .superRefine((value, ctx) => {
      try {
        parseKey(value, 'GUIXU_ENCRYPTION_KEY');
      } catch (error) {
        ctx.addIssue({ code: 'custom', message: error instanceof Error ? error.message : String(error) });
      }
    })
    .optional(),
  ...securitySettingsSchema.shape,
  ...codeSettingsSchema.shape,
  ...executionSettingsSchema.shape,
  ...queueSettingsSchema.shape,
  ...tracingSettingsSchema.shape,
  ...binaryStoreSettingsSchema.shape,
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
  const v = parseEnvSection(envSchema, merged);
  const publicUrl = (v.GUIXU_PUBLIC_URL ?? `http://${urlHost(v.GUIXU_HOST)}:${v.GUIXU_PORT}`).replace(
    /\/+$/,
    '',
  );
  return {
    port: v.GUIXU_PORT,
    host: v.GUIXU_HOST,
    dataDir,
    database: databaseConfig(v.DATABASE_URL, v.GUIXU_DATABASE_SCHEMA, dataDir),
    logLevel: v.GUIXU_LOG_LEVEL,
    maxConcurrency: v.GUIXU_MAX_CONCURRENCY,
    maxPending: v.GUIXU_MAX_PENDING,
    bodyLimit: v.GUIXU_BODY_LIMIT,
    publicUrl,
    webhookUrl: (v.GUIXU_WEBHOOK_URL ?? publicUrl).replace(/\/+$/, ''),
    webhookSandbox: v.GUIXU_WEBHOOK_SANDBOX,
    retention: {
      maxAgeDays: v.GUIXU_EXECUTIONS_MAX_AGE_DAYS,
      maxCount: v.GUIXU_EXECUTIONS_MAX_COUNT,
      pruneIntervalMinutes: v.GUIXU_EXECUTIONS_PRUNE_INTERVAL_MINUTES,
    },
    shutdownTimeoutMs: v.GUIXU_SHUTDOWN_TIMEOUT_SECONDS * 1000,
    trustProxy: v.GUIXU_TRUST_PROXY,
    logRequests: v.GUIXU_LOG_REQUESTS,
    pushPingSeconds: v.GUIXU_PUSH_PING_SECONDS,
    ...(v.GUIXU_METRICS_TOKEN === undefined ? {} : { metricsToken: v.GUIXU_METRICS_TOKEN }),
    security: securitySettingsFrom(v, publicUrl),
    schedules: { missed: v.GUIXU_SCHEDULE_MISSED },
    code: codeSettingsFrom(v),
    nodes: {
      filesDir: resolve(cwd, expandHome(v.GUIXU_FILES_DIR ?? join(dataDir, 'files'))),
      fileNodesMaxMb: v.GUIXU_FILE_NODES_MAX_MB,
      allowExecuteCommand: v.GUIXU_ALLOW_EXECUTE_COMMAND,
      vectorDbPath:
        v.GUIXU_VECTOR_DB_PATH === ':memory:'
          ? ':memory:'
          : resolve(cwd, expandHome(v.GUIXU_VECTOR_DB_PATH ?? join(dataDir, 'vectors.db'))),
    },
    executions: executionSettingsFrom(v),
    ...(v.GUIXU_ENCRYPTION_KEY === undefined ? {} : { encryptionKey: v.GUIXU_ENCRYPTION_KEY }),
    ...(v.GUIXU_TIMEZONE ? { timezone: v.GUIXU_TIMEZONE } : {}),
    ...queueOf(v.DATABASE_URL, queueSettingsFrom(v)),
    ...tracingOf(tracingSettingsFrom(v)),
    binaryStore: binaryStoreSettingsFrom(v),
    callbacks: {
      retryBaseMs: v.GUIXU_CALLBACK_RETRY_BASE_MS,
      maxAttempts: v.GUIXU_CALLBACK_MAX_ATTEMPTS,
    },
  };
}

/**
 * Node settings reach the nodes through `process.env`, which every execution
 * worker thread copies when it starts: the values from `.env` files and the
 * data directory's default would otherwise not be seen there. Variables already
 * set in the environment are left as they are.
 */
export function exportNodeSettings(settings: NodeSettings, env: NodeJS.ProcessEnv = process.env): void {
  env.GUIXU_FILES_DIR ??= settings.filesDir;
  env.GUIXU_FILE_NODES_MAX_MB ??= String(settings.fileNodesMaxMb);
  env.GUIXU_ALLOW_EXECUTE_COMMAND ??= String(settings.allowExecuteCommand);
  env.GUIXU_VECTOR_DB_PATH ??= settings.vectorDbPath;
}

function tracingOf(tracing: TracingSettings | undefined): { tracing?: TracingSettings } {
  return tracing ? { tracing } : {};
}

/** Queue mode shares executions between processes: it needs PostgreSQL. */
function queueOf(
  databaseUrl: string | undefined,
  queue: QueueSettings | undefined,
): { queue?: QueueSettings } {
  if (!queue) return {};
  if (!databaseUrl?.startsWith('postgres')) {
    throw new ConfigError([
      {
        variable: 'GUIXU_QUEUE_URL',
        value: queue.url.replace(/\/\/[^@/]*@/, '//***@'),
        message: 'queue mode needs PostgreSQL: set DATABASE_URL=postgres://…',
      },
    ]);
  }
  return { queue };
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

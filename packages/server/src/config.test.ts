import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, exportNodeSettings, loadConfig } from './config.ts';
import { parseEnvFile } from './env-file.ts';

function dirs() {
  const cwd = mkdtempSync(join(tmpdir(), 'guixu-cfg-'));
  const data = mkdtempSync(join(tmpdir(), 'guixu-data-'));
  return { cwd, data };
}

describe('parseEnvFile (util.parseEnv)', () => {
  it('reads comments, export, quotes, escapes and multi-line values', () => {
    const parsed = parseEnvFile(
      [
        '\uFEFF# comment',
        'A=1',
        'export B = two words # trailing comment',
        "C='literal \\n # kept'",
        'D="line\\nnext"',
        'E="multi',
        'line"',
        'F=',
        'URL="postgres://u:p#w@h/db"',
        'CRLF=yes\r',
      ].join('\n'),
    );
    expect(parsed).toEqual({
      A: '1',
      B: 'two words',
      C: 'literal \\n # kept',
      D: 'line\nnext',
      E: 'multi\nline',
      F: '',
      URL: 'postgres://u:p#w@h/db',
      CRLF: 'yes',
    });
  });
});

describe('loadConfig', () => {
  it('uses defaults: SQLite in the data dir, 127.0.0.1:5680', () => {
    const { cwd, data } = dirs();
    const config = loadConfig({ cwd, env: { GUIXU_DATA_DIR: data } });
    expect(config).toMatchObject({
      port: 5680,
      host: '127.0.0.1',
      dataDir: data,
      database: { kind: 'sqlite', file: join(data, 'guixu.sqlite') },
      logLevel: 'info',
      bodyLimit: 16 * 1024 * 1024,
      publicUrl: 'http://127.0.0.1:5680',
      retention: { maxAgeDays: 14, maxCount: 10_000 },
    });
  });

  it('layers env over cwd .env over data-dir .env', () => {
    const { cwd, data } = dirs();
    writeFileSync(join(cwd, '.env'), `GUIXU_DATA_DIR=${data}\nGUIXU_PORT=7000\nGUIXU_LOG_LEVEL=debug\n`);
    writeFileSync(join(data, '.env'), 'GUIXU_PORT=7001\nGUIXU_BODY_LIMIT=2mb\nGUIXU_LOG_LEVEL=warn\n');
    const config = loadConfig({ cwd, env: { GUIXU_LOG_LEVEL: 'error' } });
    expect(config.port).toBe(7000);
    expect(config.bodyLimit).toBe(2 * 1024 * 1024);
    expect(config.logLevel).toBe('error');
    expect(config.dataDir).toBe(data);
  });

  it('reads DATABASE_URL for PostgreSQL', () => {
    const { cwd, data } = dirs();
    const config = loadConfig({
      cwd,
      env: { GUIXU_DATA_DIR: data, DATABASE_URL: 'postgres://postgres@127.0.0.1/test' },
    });
    expect(config.database).toEqual({ kind: 'postgres', url: 'postgres://postgres@127.0.0.1/test' });
  });

  it('reads the instance time zone (GUIXU_TIMEZONE) and refuses one that is not an IANA name', () => {
    const { cwd, data } = dirs();
    expect(loadConfig({ cwd, env: { GUIXU_DATA_DIR: data } }).timezone).toBeUndefined();
    expect(loadConfig({ cwd, env: { GUIXU_DATA_DIR: data, GUIXU_TIMEZONE: 'Asia/Shanghai' } }).timezone).toBe(
      'Asia/Shanghai',
    );
    expect(() => loadConfig({ cwd, env: { GUIXU_DATA_DIR: data, GUIXU_TIMEZONE: 'Mars/Olympus' } })).toThrow(
      'GUIXU_TIMEZONE: must be an IANA time zone such as Europe/Berlin',
    );
  });

  it('lists every bad value with its variable', () => {
    const { cwd, data } = dirs();
    let caught: unknown;
    try {
      loadConfig({
        cwd,
        env: {
          GUIXU_DATA_DIR: data,
          GUIXU_PORT: 'eighty',
          GUIXU_LOG_LEVEL: 'loud',
          GUIXU_BODY_LIMIT: '12 parsecs',
          GUIXU_MAX_CONCURRENCY: '0',
          DATABASE_URL: 'mysql://x',
        },
      });
    } catch (error) {
      caught = error;
    }
    if (!(caught instanceof ConfigError)) throw new Error('expected a ConfigError');
    const error = caught;
    expect(error.code).toBe('CONFIG_INVALID');
    expect(error.issues.map((i) => i.variable).sort()).toEqual([
      'DATABASE_URL',
      'GUIXU_BODY_LIMIT',
      'GUIXU_LOG_LEVEL',
      'GUIXU_MAX_CONCURRENCY',
      'GUIXU_PORT',
    ]);
    expect(error.message).toContain('GUIXU_PORT: must be a whole number (got "eighty")');
    expect(error.message).toContain('GUIXU_MAX_CONCURRENCY: must be at least 1');
  });

  it('parses every setting once: security, schedules, Code node, proxy, request log', () => {
    const { cwd, data } = dirs();
    writeFileSync(join(data, '.env'), 'GUIXU_CODE_TIMEOUT_MS=2500\nGUIXU_LOGIN_RATE_LIMIT=3\n');
    const config = loadConfig({
      cwd,
      env: {
        GUIXU_DATA_DIR: data,
        GUIXU_TRUST_PROXY: '10.0.0.0/8, loopback, ::1',
        GUIXU_LOG_REQUESTS: 'true',
        GUIXU_SCHEDULE_MISSED: 'fireOnce',
        GUIXU_CODE_PROCESSES: '4',
      },
    });
    expect(config.trustProxy).toEqual(['10.0.0.0/8', 'loopback', '::1']);
    expect(config.logRequests).toBe(true);
    expect(config.schedules.missed).toBe('fireOnce');
    expect(config.code).toEqual({ memoryMb: 128, timeoutMs: 2500, processes: 4, processesPerProject: 2 });
    expect(config.security.loginRateLimit).toBe(3);
    expect(config.encryptionKey).toBeUndefined();
    const defaults = loadConfig({ cwd, env: { GUIXU_DATA_DIR: cwd } });
    expect(defaults.trustProxy).toBe(false);
    expect(defaults.logRequests).toBe(false);
  });

  it.each([
    ['true', true],
    ['FALSE', false],
    ['2', 2],
    ['192.168.1.10', ['192.168.1.10']],
  ])('GUIXU_TRUST_PROXY=%s', (value, expected) => {
    const { cwd, data } = dirs();
    expect(loadConfig({ cwd, env: { GUIXU_DATA_DIR: data, GUIXU_TRUST_PROXY: value } }).trustProxy).toEqual(
      expected,
    );
  });

  it('names bad Code-node, proxy and schedule settings instead of falling back, and never echoes a key', () => {
    const { cwd, data } = dirs();
    const error = (() => {
      try {
        loadConfig({
          cwd,
          env: {
            GUIXU_DATA_DIR: data,
            GUIXU_CODE_MEMORY_MB: 'lots',
            GUIXU_CODE_TIMEOUT_MS: '-5',
            GUIXU_CODE_PROCESSES: '99',
            GUIXU_TRUST_PROXY: '10.0.0.0/33,proxy.example',
            GUIXU_LOG_REQUESTS: 'sometimes',
            GUIXU_SCHEDULE_MISSED: 'never',
            GUIXU_ENCRYPTION_KEY: 'hunter2',
            GUIXU_LOCKOUT_THRESHOLD: '0',
          },
        });
      } catch (caught) {
        return caught;
      }
      return undefined;
    })();
    if (!(error instanceof ConfigError)) throw new Error('expected a ConfigError');
    expect(error.issues.map((i) => i.variable).sort()).toEqual([
      'GUIXU_CODE_MEMORY_MB',
      'GUIXU_CODE_PROCESSES',
      'GUIXU_CODE_TIMEOUT_MS',
      'GUIXU_ENCRYPTION_KEY',
      'GUIXU_LOCKOUT_THRESHOLD',
      'GUIXU_LOG_REQUESTS',
      'GUIXU_SCHEDULE_MISSED',
      'GUIXU_TRUST_PROXY',
    ]);
    expect(error.message).toContain('not an address or range: 10.0.0.0/33, proxy.example');
    expect(error.message).toContain('GUIXU_CODE_PROCESSES: must be at most 32 (got "99")');
    expect(error.message).not.toContain('hunter2');
  });
});

describe('node settings (read by nodes from the environment in every execution thread)', () => {
  it('come from .env files too, with the files directory inside the data directory by default', () => {
    const { cwd, data } = dirs();
    writeFileSync(
      join(cwd, '.env'),
      `GUIXU_DATA_DIR=${data}\nGUIXU_FILE_NODES_MAX_MB=12\nGUIXU_ALLOW_EXECUTE_COMMAND=true\n`,
    );
    const config = loadConfig({ cwd, env: {} });
    expect(config.nodes).toEqual({
      filesDir: join(data, 'files'),
      fileNodesMaxMb: 12,
      allowExecuteCommand: true,
      vectorDbPath: join(data, 'vectors.db'),
    });
    const env: NodeJS.ProcessEnv = { GUIXU_FILE_NODES_MAX_MB: '3' };
    exportNodeSettings(config.nodes, env);
    // What the environment already says wins; the rest is filled in.
    expect(env).toEqual({
      GUIXU_FILES_DIR: join(data, 'files'),
      GUIXU_FILE_NODES_MAX_MB: '3',
      GUIXU_ALLOW_EXECUTE_COMMAND: 'true',
      GUIXU_VECTOR_DB_PATH: join(data, 'vectors.db'),
    });
  });

  it('take GUIXU_FILES_DIR relative to the working directory and refuse a bad size', () => {
    const { cwd } = dirs();
    expect(loadConfig({ cwd, env: { GUIXU_FILES_DIR: 'shared' } }).nodes.filesDir).toBe(join(cwd, 'shared'));
    expect(() => loadConfig({ cwd, env: { GUIXU_FILE_NODES_MAX_MB: '0' } })).toThrow(ConfigError);
    expect(loadConfig({ cwd, env: { GUIXU_VECTOR_DB_PATH: 'v.db' } }).nodes.vectorDbPath).toBe(
      join(cwd, 'v.db'),
    );
    // In memory stays possible (each execution thread then has its own store, lost when it stops).
    expect(loadConfig({ cwd, env: { GUIXU_VECTOR_DB_PATH: ':memory:' } }).nodes.vectorDbPath).toBe(
      ':memory:',
    );
  });

  it('read the callback backoff and refuse a bad one instead of falling back silently', () => {
    const { cwd } = dirs();
    expect(loadConfig({ cwd, env: {} }).callbacks).toEqual({ retryBaseMs: 1000, maxAttempts: 10 });
    expect(
      loadConfig({ cwd, env: { GUIXU_CALLBACK_RETRY_BASE_MS: '250', GUIXU_CALLBACK_MAX_ATTEMPTS: '3' } })
        .callbacks,
    ).toEqual({ retryBaseMs: 250, maxAttempts: 3 });
    expect(() => loadConfig({ cwd, env: { GUIXU_CALLBACK_RETRY_BASE_MS: 'soon' } })).toThrow(
      /GUIXU_CALLBACK_RETRY_BASE_MS/,
    );
    expect(() => loadConfig({ cwd, env: { GUIXU_CALLBACK_MAX_ATTEMPTS: '0' } })).toThrow(
      /GUIXU_CALLBACK_MAX_ATTEMPTS/,
    );
  });
});

import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.ts';
import { parseEnvFile } from './env-file.ts';

function dirs() {
  const cwd = mkdtempSync(join(tmpdir(), 'guixu-cfg-'));
  const data = mkdtempSync(join(tmpdir(), 'guixu-data-'));
  return { cwd, data };
}

describe('parseEnvFile', () => {
  it('reads comments, export, quotes, escapes and multi-line values', () => {
    const parsed = parseEnvFile(
      [
        '# comment',
        'A=1',
        'export B = two words # trailing comment',
        "C='literal \\n # kept'",
        'D="line\\nnext \\"q\\""',
        'E="multi',
        'line"',
        'not a line',
        'F=',
        'URL=postgres://u:p@h/db#frag',
      ].join('\n'),
    );
    expect(parsed).toEqual({
      A: '1',
      B: 'two words',
      C: 'literal \\n # kept',
      D: 'line\nnext "q"',
      E: 'multi\nline',
      F: '',
      URL: 'postgres://u:p@h/db#frag',
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
});

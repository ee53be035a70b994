import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { colorsFor, paint } from './colors.ts';

const run = promisify(execFile);
const bin = resolve(import.meta.dirname, '../bin/guixu.mjs');
const tty = { isTTY: true };
const file = { isTTY: false };
const ANSI_RED = '\u001b[31m';

describe('CLI colours', () => {
  it('follow the stream they are written to', () => {
    expect(colorsFor(tty, {})).toBe(true);
    expect(colorsFor(file, {})).toBe(false);
    // stdout to a file, stderr on the terminal: errors stay coloured.
    expect([colorsFor(file, {}), colorsFor(tty, {})]).toEqual([false, true]);
    expect(colorsFor(tty, { TERM: 'dumb' })).toBe(false);
  });

  it('honour NO_COLOR and FORCE_COLOR', () => {
    expect(colorsFor(tty, { NO_COLOR: '1' })).toBe(false);
    expect(colorsFor(tty, { NO_COLOR: '' }), 'an empty NO_COLOR is unset (no-color.org)').toBe(true);
    expect(colorsFor(file, { FORCE_COLOR: '1' })).toBe(true);
    expect(colorsFor(file, { FORCE_COLOR: '' })).toBe(true);
    expect(colorsFor(tty, { FORCE_COLOR: '0' })).toBe(false);
    expect(colorsFor(file, { FORCE_COLOR: '1', NO_COLOR: '1' }), 'FORCE_COLOR wins, as in Node').toBe(true);
    expect(paint(true).red('x')).toBe(`${ANSI_RED}x\u001b[39m`);
    expect(paint(false).red('x')).toBe('x');
  });

  it('reach the real process: FORCE_COLOR colours stderr through a pipe, NO_COLOR keeps it plain', async () => {
    const fail = (env: NodeJS.ProcessEnv) =>
      run(process.execPath, [bin, 'frobnicate'], { env: { PATH: process.env.PATH, ...env } }).then(
        () => '',
        (error: { stderr: string }) => error.stderr,
      );
    expect(await fail({ FORCE_COLOR: '1' })).toContain(`${ANSI_RED}Error:`);
    const plain = await fail({ NO_COLOR: '1' });
    expect(plain).toContain('Error: Unknown command "frobnicate"');
    expect(plain).not.toContain('\u001b[');
  });
});

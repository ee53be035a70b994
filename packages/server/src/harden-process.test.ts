import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const here = dirname(fileURLToPath(import.meta.url));

/** Hardening changes the whole process, so it runs in a child, never in the test worker. */
function runChild(): Record<string, unknown> {
  const child = spawnSync(process.execPath, ['--import', 'tsx', join(here, 'harden-process.child.ts')], {
    cwd: here,
    encoding: 'utf8',
    timeout: 60_000,
  });
  if (child.status !== 0) throw new Error(`child failed (${child.status}): ${child.stderr}`);
  return JSON.parse(child.stdout.trim().split('\n').at(-1) ?? '{}');
}

describe('hardenProcess (issue 8, defence in depth)', () => {
  const out = runChild();

  it('freezes the intrinsics prototypes: nothing can be planted on Object.prototype', () => {
    expect(out.frozen).toEqual(
      expect.arrayContaining(['Object', 'Function', 'Array', 'Error', 'Promise', 'Iterator']),
    );
    expect(out.pollute).toBe('TypeError');
    expect(out.polluted).toBe('no');
    expect(out.arrayPrototype).toBe('TypeError');
  });

  it('applies per realm: a worker thread starts unfrozen and hardens with the same call', () => {
    expect(out.worker).toEqual([false, true]);
  });

  it('repairs the override mistake: own toString, valueOf and error names still assign; errors still print', () => {
    expect(out.override).toBe('mine/data');
    expect(out.inspect).toBe('Error: shown');
    expect(out.error).toBe('NamedError: m');
    expect(out.functionOverride).toBe('wrapped');
  });

  it('keeps fastify, pino, zod, luxon, kysely, better-sqlite3 and pg working when loaded afterwards', () => {
    expect(out.fastify).toEqual({ ok: true });
    expect(out.fastifyBody).toBe(200);
    expect(out.pino).toEqual(['hello', 'boom']);
    expect(out.zod).toEqual([true, false]);
    expect(out.luxon).toEqual(['2024-01-03', 'PT2H']);
    expect(out.sqlite).toEqual([{ a: 5 }]);
    expect(out.pg).toEqual([1]);
  });

  it('marks the override getters with originalValue (get-intrinsic) and lets a typed array take its own constructor', () => {
    expect(out.descriptors).toEqual([true, true, true]);
  });
});

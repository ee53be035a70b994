import { isIP } from 'node:net';
import { z } from 'zod';

/** A whole number in [min, max]. */
export const integer = (min: number, max: number) =>
  z
    .string()
    .trim()
    .regex(/^\d+$/, 'must be a whole number')
    .transform(Number)
    .pipe(z.number().int().min(min, `must be at least ${min}`).max(max, `must be at most ${max}`));

const SIZE_UNITS: Record<string, number> = { '': 1, b: 1, kb: 1024, mb: 1024 ** 2, gb: 1024 ** 3 };

/** A byte size like `16mb`, `512kb` or a plain number of bytes, between 1 kB and 1 GB. */
export const size = z
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

/** `true`/`false` (also `1`/`0`, `yes`/`no`, `on`/`off`). */
export const flag = z
  .string()
  .trim()
  .toLowerCase()
  .refine((v) => /^(true|false|1|0|yes|no|on|off)$/.test(v), 'must be true or false')
  .transform((v) => /^(true|1|yes|on)$/.test(v));

/** What Fastify's `trustProxy` accepts: trust everything, a hop count, or these addresses. */
export type TrustProxy = boolean | number | string[];

/** Fastify's types lack the hop count its runtime accepts: a hop count becomes the equivalent function. */
export function fastifyTrustProxy(
  value: TrustProxy,
): boolean | string[] | ((address: string, hop: number) => boolean) {
  return typeof value === 'number' ? (_address, hop) => hop < value : value;
}

const PROXY_ADDR_NAMES = new Set(['loopback', 'linklocal', 'uniquelocal']);

function isAddressOrRange(entry: string): boolean {
  if (PROXY_ADDR_NAMES.has(entry)) return true;
  const [address, prefix, ...rest] = entry.split('/');
  if (rest.length > 0) return false;
  const family = isIP(address);
  if (family === 0) return false;
  if (prefix === undefined) return true;
  if (!/^\d{1,3}$/.test(prefix)) return false;
  return Number(prefix) <= (family === 4 ? 32 : 128);
}

/**
 * `GUIXU_TRUST_PROXY`: `false` (default: the socket address is the client),
 * `true` (trust every proxy), a hop count, or a comma-separated list of
 * proxy addresses and CIDR ranges (also `loopback`, `linklocal`, `uniquelocal`).
 */
export const trustProxy = z
  .string()
  .trim()
  .transform((v, ctx): TrustProxy => {
    const lower = v.toLowerCase();
    if (lower === 'true') return true;
    if (lower === 'false') return false;
    if (/^\d+$/.test(v)) return Number(v);
    const entries = v
      .split(',')
      .map((e) => e.trim())
      .filter((e) => e !== '');
    const bad = entries.filter((e) => !isAddressOrRange(e));
    if (entries.length === 0 || bad.length > 0) {
      ctx.addIssue({
        code: 'custom',
        message: `must be true, false, a hop count or a comma-separated list of addresses/CIDR ranges${
          bad.length > 0 ? `; not an address or range: ${bad.join(', ')}` : ''
        }`,
      });
      return z.NEVER;
    }
    return entries;
  });

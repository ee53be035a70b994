import { readFileSync } from 'node:fs';
import { parseEnv } from 'node:util';

/**
 * `.env` files are read by Node's own parser (`util.parseEnv`, the one behind
 * `node --env-file`): `KEY=value` lines, `#` comments, optional `export `,
 * single, double and backtick quotes, `\n` in double quotes, multi-line
 * quoted values. A `#` starts a comment in an unquoted value: quote values
 * that contain one (e.g. a password in DATABASE_URL).
 */
export function parseEnvFile(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(parseEnv(text.replace(/^\uFEFF/, ''))))
    if (typeof value === 'string') out[key] = value;
  return out;
}

/** Reads a `.env` file; a missing file is an empty one. */
export function readEnvFile(path: string): Record<string, string> {
  try {
    return parseEnvFile(readFileSync(path, 'utf8'));
  } catch (error) {
    if (error instanceof Error && 'code' in error && error.code === 'ENOENT') return {};
    throw error;
  }
}

import { GuixuError } from '@guixu/core';
import type { z } from 'zod';

export interface ConfigIssue {
  variable: string;
  value: string | undefined;
  message: string;
}

/** A bad setting: the start stops with one message naming each variable. */
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

/**
 * Parses the variables a schema names out of an environment (empty values
 * count as unset); throws one ConfigError listing every bad variable.
 */
/** Variables whose value never appears in a message (a key, or a URL that may hold a password). */
const SECRET = new Set([
  'GUIXU_ENCRYPTION_KEY',
  'DATABASE_URL',
  'GUIXU_CREDENTIALS',
  'GUIXU_S3_ACCESS_KEY_ID',
  'GUIXU_S3_SECRET_ACCESS_KEY',
  'GUIXU_S3_SESSION_TOKEN',
]);

export function parseEnvSection<Shape extends z.ZodRawShape>(
  schema: z.ZodObject<Shape>,
  env: Record<string, string | undefined>,
): z.output<z.ZodObject<Shape>> {
  const known = Object.fromEntries(
    Object.keys(schema.shape).map((key) => [key, env[key] === '' ? undefined : env[key]]),
  );
  const parsed = schema.safeParse(known);
  if (parsed.success) return parsed.data;
  throw new ConfigError(
    parsed.error.issues.map((issue) => {
      const variable = String(issue.path[0] ?? 'config');
      return { variable, value: SECRET.has(variable) ? undefined : known[variable], message: issue.message };
    }),
  );
}

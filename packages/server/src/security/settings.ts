import { z } from 'zod';
import { parseEnvSection } from '../config/errors.ts';

const int = (min: number, max: number, fallback: number) =>
  z
    .string()
    .trim()
    .regex(/^\d+$/, 'must be a whole number')
    .transform(Number)
    .pipe(z.number().int().min(min, `must be at least ${min}`).max(max, `must be at most ${max}`))
    .optional()
    .transform((v) => v ?? fallback);

/** The security variables; the configuration module parses them with every other setting. */
export const securitySettingsSchema = z.object({
  GUIXU_ACCESS_TOKEN_TTL_SECONDS: int(30, 86_400, 900),
  GUIXU_REFRESH_TOKEN_TTL_DAYS: int(1, 365, 14),
  GUIXU_LOGIN_RATE_LIMIT: int(0, 100_000, 20),
  GUIXU_RESET_RATE_LIMIT: int(0, 100_000, 5),
  GUIXU_WEBHOOK_RATE_LIMIT: int(0, 10_000_000, 0),
  GUIXU_LOCKOUT_THRESHOLD: int(1, 1000, 5),
  GUIXU_CORS_ORIGINS: z.string().optional(),
  GUIXU_COOKIE_SECURE: z.enum(['true', 'false', 'auto']).optional(),
});

export interface SecuritySettings {
  accessTokenTtlSeconds: number;
  refreshTokenTtlDays: number;
  /** Requests per minute per client address; 0 turns a limit off. */
  loginRateLimit: number;
  resetRateLimit: number;
  webhookRateLimit: number;
  /** Failed logins before an account is locked (with doubling lock times). */
  lockoutThreshold: number;
  /** Origins allowed to call the API from a browser; empty: same origin only. */
  corsOrigins: string[];
  /** Secure cookies; `auto` follows the public URL's scheme. */
  cookieSecure: boolean;
}

/** Security settings from the environment (documented in docs/security.md); bad values stop the start. */
export function loadSecuritySettings(
  env: Record<string, string | undefined>,
  publicUrl: string,
): SecuritySettings {
  return securitySettingsFrom(parseEnvSection(securitySettingsSchema, env), publicUrl);
}

export function securitySettingsFrom(
  v: z.output<typeof securitySettingsSchema>,
  publicUrl: string,
): SecuritySettings {
  const secure = v.GUIXU_COOKIE_SECURE ?? 'auto';
  return {
    accessTokenTtlSeconds: v.GUIXU_ACCESS_TOKEN_TTL_SECONDS,
    refreshTokenTtlDays: v.GUIXU_REFRESH_TOKEN_TTL_DAYS,
    loginRateLimit: v.GUIXU_LOGIN_RATE_LIMIT,
    resetRateLimit: v.GUIXU_RESET_RATE_LIMIT,
    webhookRateLimit: v.GUIXU_WEBHOOK_RATE_LIMIT,
    lockoutThreshold: v.GUIXU_LOCKOUT_THRESHOLD,
    corsOrigins: (v.GUIXU_CORS_ORIGINS ?? '')
      .split(',')
      .map((o) => o.trim().replace(/\/+$/, ''))
      .filter((o) => o !== ''),
    cookieSecure: secure === 'auto' ? publicUrl.startsWith('https:') : secure === 'true',
  };
}

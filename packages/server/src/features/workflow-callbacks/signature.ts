import { createHmac, randomBytes } from 'node:crypto';

export const SIGNATURE_HEADER = 'x-guixu-signature';

/** A new per-workflow secret. */
export function newCallbackSecret(): string {
  return `whsec_${randomBytes(32).toString('base64url')}`;
}

/**
 * `t=<unix seconds>,v1=<hex HMAC-SHA256(secret, "<t>.<body>")>`: the receiver
 * recomputes it over the raw body and refuses old timestamps (replays).
 */
export function signCallback(secret: string, body: string, unixSeconds: number): string {
  const mac = createHmac('sha256', secret).update(`${unixSeconds}.${body}`).digest('hex');
  return `t=${unixSeconds},v1=${mac}`;
}

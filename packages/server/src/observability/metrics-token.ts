import { authRequired } from '../security/errors.ts';
import { hashToken, safeEqual } from '../security/tokens.ts';

/**
 * `/metrics` is a public probe unless `GUIXU_METRICS_TOKEN` is set; then a scrape
 * must send `Authorization: Bearer <token>` (Prometheus' `authorization` scrape setting).
 * Hashes are compared so the comparison takes the same time whatever the length sent.
 */
export function checkMetricsToken(authorization: string | undefined, token: string | undefined): void {
  if (!token) return;
  const sent = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? '')?.[1];
  if (sent === undefined || !safeEqual(hashToken(sent), hashToken(token))) throw authRequired();
}

import { createHmac, timingSafeEqual } from 'node:crypto';

export interface HmacSettings {
  secret: string;
  algorithm?: 'sha256' | 'sha1' | 'sha512';
  encoding?: 'hex' | 'base64';
  prefix?: string;
}

/** Checks a signature header against the raw request body, in constant time. */
export function verifyHmacSignature(
  rawBody: Uint8Array | string,
  header: string | undefined,
  settings: HmacSettings,
) {
  if (!header || !settings.secret) return false;
  const prefix = settings.prefix ?? '';
  if (!header.startsWith(prefix)) return false;
  const expected = createHmac(settings.algorithm ?? 'sha256', settings.secret)
    .update(rawBody)
    .digest(settings.encoding ?? 'hex');
  const signature = header.slice(prefix.length).trim();
  const given = Buffer.from((settings.encoding ?? 'hex') === 'hex' ? signature.toLowerCase() : signature);
  const wanted = Buffer.from(expected);
  return given.length === wanted.length && timingSafeEqual(given, wanted);
}

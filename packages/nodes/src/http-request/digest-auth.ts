import { createHash, randomBytes } from 'node:crypto';

/**
 * HTTP Digest authentication (RFC 7616, also RFC 2617 servers): parse the
 * server's challenge and compute the Authorization header for one request.
 */
export interface DigestChallenge {
  realm: string;
  nonce: string;
  qop?: string;
  opaque?: string;
  algorithm: string;
}

/** The Digest challenge in a WWW-Authenticate header, if there is one. */
export function parseDigestChallenge(header: string | string[] | undefined): DigestChallenge | undefined {
  const values = Array.isArray(header) ? header : header ? [header] : [];
  const digest = values.find((value) => /^\s*digest\s/i.test(value));
  if (!digest) return undefined;
  const fields: Record<string, string> = {};
  const pattern = /(\w+)=(?:"((?:[^"\\]|\\.)*)"|([^,\s]+))/g;
  for (const match of digest.replace(/^\s*digest\s+/i, '').matchAll(pattern)) {
    const key = match[1]?.toLowerCase();
    if (key) fields[key] = (match[2] ?? match[3] ?? '').replace(/\\(.)/g, '$1');
  }
  if (fields.realm === undefined || fields.nonce === undefined) return undefined;
  return {
    realm: fields.realm,
    nonce: fields.nonce,
    qop: fields.qop,
    opaque: fields.opaque,
    algorithm: fields.algorithm ?? 'MD5',
  };
}

function hasher(algorithm: string): (text: string) => string {
  const name = algorithm.toUpperCase().replace(/-SESS$/, '') === 'SHA-256' ? 'sha256' : 'md5';
  return (text) => createHash(name).update(text).digest('hex');
}

function quote(value: string): string {
  return `"${value.replace(/(["\\])/g, '\\$1')}"`;
}

export interface DigestInput {
  challenge: DigestChallenge;
  user: string;
  password: string;
  method: string;
  /** Request target: path and query. */
  uri: string;
  /** Requests made with this nonce so far, including this one. */
  count: number;
  cnonce?: string;
}

export function digestAuthorization(input: DigestInput): string {
  const { challenge } = input;
  const hash = hasher(challenge.algorithm);
  const cnonce = input.cnonce ?? randomBytes(8).toString('hex');
  const nc = input.count.toString(16).padStart(8, '0');
  let ha1 = hash(`${input.user}:${challenge.realm}:${input.password}`);
  if (/-sess$/i.test(challenge.algorithm)) ha1 = hash(`${ha1}:${challenge.nonce}:${cnonce}`);
  const ha2 = hash(`${input.method}:${input.uri}`);
  const qop = challenge.qop
    ?.split(',')
    .map((q) => q.trim())
    .includes('auth')
    ? 'auth'
    : undefined;
  const response = qop
    ? hash(`${ha1}:${challenge.nonce}:${nc}:${cnonce}:${qop}:${ha2}`)
    : hash(`${ha1}:${challenge.nonce}:${ha2}`);
  const parts = [
    `username=${quote(input.user)}`,
    `realm=${quote(challenge.realm)}`,
    `nonce=${quote(challenge.nonce)}`,
    `uri=${quote(input.uri)}`,
    `algorithm=${challenge.algorithm}`,
    `response=${quote(response)}`,
  ];
  if (qop) parts.push(`qop=${qop}`, `nc=${nc}`, `cnonce=${quote(cnonce)}`);
  if (challenge.opaque !== undefined) parts.push(`opaque=${quote(challenge.opaque)}`);
  return `Digest ${parts.join(', ')}`;
}

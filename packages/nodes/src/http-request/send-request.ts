import type { BinaryStore } from '@guixu/core';
import type { Authenticator } from './auth.ts';
import { encodeBody } from './body-encoding.ts';
import type { ClientTls } from './client-tls.ts';
import { withQuery } from './query-string.ts';
import { getHeader, type RequestSpec, setHeader } from './request-spec.ts';
import type { ResponseFormat } from './response.ts';
import { readBody, send, type TransportResponse } from './transport.ts';

/** Connection settings shared by every request of a node run. */
export interface ConnectionSettings {
  timeoutMs: number;
  followRedirects: boolean;
  maxRedirects: number;
  proxy?: string;
  rejectUnauthorized: boolean;
  uncompressed: boolean;
  sendCredentialsOnCrossOriginRedirect: boolean;
  responseFormat: ResponseFormat;
  /** Environment to read HTTP_PROXY / HTTPS_PROXY / NO_PROXY from when no proxy is set. */
  env?: Record<string, string | undefined>;
}

export interface SendContext {
  auth: Authenticator;
  tls?: ClientTls;
  connection: ConnectionSettings;
  binary: BinaryStore;
  signal: AbortSignal;
}

// The Accept headers n8n sends for each response format.
const ACCEPT: Record<ResponseFormat, string> = {
  json: 'application/json,text/*;q=0.99',
  text: 'application/json,text/html,application/xhtml+xml,application/xml,text/*;q=0.9, */*;q=0.1',
  autodetect:
    'application/json,text/html,application/xhtml+xml,application/xml,text/*;q=0.9, image/*;q=0.8, */*;q=0.7',
  file: 'application/json,text/html,application/xhtml+xml,application/xml,text/*;q=0.9, image/*;q=0.8, */*;q=0.7',
};

export interface SendOptions {
  /** Leave out query parameters the URL already has (pages from "Response Contains Next URL"). */
  skipQueryKeysInUrl?: boolean;
}

/** Applies credentials, encodes and sends one request; retries once with a fresh OAuth2 token after 401. */
export async function sendSpec(
  spec: RequestSpec,
  context: SendContext,
  options: SendOptions = {},
): Promise<TransportResponse> {
  const prepared: RequestSpec = { ...spec, qs: { ...spec.qs }, headers: { ...spec.headers } };
  await context.auth.apply(prepared);
  let response = await sendPrepared(prepared, context, options);
  if (
    response.statusCode === 401 &&
    (await context.auth.refreshAfterUnauthorized(prepared, response.headers))
  ) {
    await readBody(response.body);
    response = await sendPrepared(prepared, context, options);
  }
  return response;
}

function sendPrepared(
  spec: RequestSpec,
  context: SendContext,
  options: SendOptions,
): Promise<TransportResponse> {
  const { connection } = context;
  const headers: Record<string, string> = {
    accept: ACCEPT[connection.responseFormat],
    'accept-encoding': connection.uncompressed ? 'identity' : 'gzip, deflate, br',
    'user-agent': 'GuixuFlow',
  };
  for (const [name, value] of Object.entries(spec.headers)) setHeader(headers, name, value);
  const encoded = spec.body && spec.method !== 'HEAD' ? encodeBody(spec.body, context.binary) : undefined;
  if (encoded?.contentType && getHeader(headers, 'content-type') === undefined) {
    headers['content-type'] = encoded.contentType;
  }
  let qs = spec.qs;
  if (options.skipQueryKeysInUrl) {
    const present = new Set(new URL(spec.url).searchParams.keys());
    qs = Object.fromEntries(Object.entries(qs).filter(([key]) => !present.has(key)));
  }
  const url = withQuery(spec.url, qs, spec.arrayFormat);
  context.auth.authorizeRequest?.(spec.method, url, headers);
  return send({
    method: spec.method,
    url,
    headers,
    body: encoded?.body,
    timeoutMs: connection.timeoutMs,
    followRedirects: connection.followRedirects,
    maxRedirects: connection.maxRedirects,
    proxy: connection.proxy,
    proxyEnv: connection.env,
    rejectUnauthorized: connection.rejectUnauthorized,
    decompress: !connection.uncompressed,
    sendCredentialsOnCrossOriginRedirect: connection.sendCredentialsOnCrossOriginRedirect,
    tls: context.tls,
    signal: context.signal,
  });
}

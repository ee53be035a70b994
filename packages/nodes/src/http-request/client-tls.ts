import type { NodeRunContext } from '@guixu/core';
import httpSslAuth from '../credentials/http-ssl-auth.credentials.ts';
import { parseCredential } from './auth.ts';
import type { HttpRequestParams } from './request-spec.ts';

/** TLS material from an "SSL Certificates" credential. */
export interface ClientTls {
  ca?: string;
  cert?: string;
  key?: string;
  passphrase?: string;
}

/**
 * Restores PEM blocks whose line breaks were lost on the way (pasted into a
 * single-line field), as n8n does: the base64 body is re-wrapped at 64 characters.
 */
export function formatPem(value: string): string {
  return value
    .trim()
    .replace(
      /-----BEGIN ([A-Z0-9 ]+)-----([\s\S]*?)-----END \1-----/g,
      (_block, label: string, body: string) => {
        const base64 = body.replace(/\s+/g, '');
        const lines = base64.match(/.{1,64}/g) ?? [];
        return `-----BEGIN ${label}-----\n${lines.join('\n')}\n-----END ${label}-----`;
      },
    );
}

export async function loadClientTls(
  ctx: NodeRunContext<HttpRequestParams>,
  params: HttpRequestParams,
): Promise<ClientTls | undefined> {
  if (!params.provideSslCertificates) return undefined;
  const data = parseCredential(httpSslAuth, await ctx.credentials('httpSslAuth'), ctx.node.name);
  const tls: ClientTls = {};
  if (data.ca.trim()) tls.ca = formatPem(data.ca);
  if (data.cert.trim()) tls.cert = formatPem(data.cert);
  if (data.key.trim()) tls.key = formatPem(data.key);
  if (data.passphrase) tls.passphrase = data.passphrase;
  return tls;
}

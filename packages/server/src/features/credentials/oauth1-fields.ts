import type { CredentialTypeDefinition } from '@guixu/core';
import type { OAuth1Consumer } from '@guixu/nodes';
import { z } from 'zod';

/**
 * What the server reads of an OAuth1 credential (n8n's oAuth1Api names) to run
 * the three-legged sign-in; the signing itself is the one client in @guixu/nodes.
 */
export const oauth1FieldsSchema = z.object({
  requestTokenUrl: z.string().optional(),
  authUrl: z.string().optional(),
  accessTokenUrl: z.string().optional(),
  consumerKey: z.string().min(1),
  consumerSecret: z.string().min(1),
  signatureMethod: z.enum(['HMAC-SHA1', 'HMAC-SHA256', 'HMAC-SHA512']).default('HMAC-SHA1'),
  realm: z.string().optional(),
});
export type OAuth1Fields = z.infer<typeof oauth1FieldsSchema>;

/** A type the OAuth1 sign-in applies to: it has the token URLs and a consumer. */
export function isOAuth1Type(type: Pick<CredentialTypeDefinition, 'fields'>): boolean {
  return 'requestTokenUrl' in type.fields && 'consumerKey' in type.fields;
}

export function consumerOf(fields: OAuth1Fields): OAuth1Consumer {
  return {
    consumerKey: fields.consumerKey,
    consumerSecret: fields.consumerSecret,
    signatureMethod: fields.signatureMethod,
    ...(fields.realm ? { realm: fields.realm } : {}),
  };
}

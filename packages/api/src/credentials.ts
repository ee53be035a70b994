import { z } from 'zod';
import { idParamsSchema, idSchema, timestampSchema } from './common.ts';
import { defineRoute } from './contract.ts';

/** What secret fields read as; sending it back on update keeps the stored value. */
export const CREDENTIAL_SECRET_MASK = '__guixu_secret__';

export const credentialTypeSchema = z
  .object({
    name: z.string(),
    displayName: z.string(),
    description: z.string().optional(),
    documentationUrl: z.string().optional(),
    /** Form description of the fields (same shape as node parameters). */
    fields: z.array(z.record(z.string(), z.unknown())),
    secretFields: z.array(z.string()),
    testable: z.boolean(),
    /** Supports the browser authorization-code flow (OAuth2). */
    oauth2: z.boolean(),
    /** Supports the browser three-legged sign-in (OAuth 1.0a). */
    oauth1: z.boolean(),
  })
  .meta({ id: 'CredentialType' });

export const credentialDataSchema = z.record(z.string(), z.unknown());
export const credentialSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    type: z.string(),
    projectId: z.string(),
    /** Field values with secrets masked; absent for callers who may only use or read the credential. */
    data: credentialDataSchema.optional(),
    sharedWith: z.array(z.object({ projectId: z.string(), access: z.enum(['read', 'use']) })),
    /** OAuth2 and OAuth1: whether a token has been obtained through the sign-in. */
    connected: z.boolean().optional(),
    createdAt: timestampSchema,
    updatedAt: timestampSchema,
  })
  .meta({ id: 'Credential' });

export const credentialNameSchema = z.string().trim().min(1).max(128);
export const testResultSchema = z
  .object({ ok: z.boolean(), message: z.string() })
  .meta({ id: 'CredentialTestResult' });

/** One entry of a resource picker's list (a model, …). */
export const credentialOptionSchema = z
  .object({ value: z.string(), label: z.string(), description: z.string().optional() })
  .meta({ id: 'CredentialOption' });

const tags = ['Credentials'] as const;
const base = '/api/v1/credentials';

export const credentialRoutes = {
  types: defineRoute({
    method: 'GET',
    path: '/api/v1/credential-types',
    operationId: 'listCredentialTypes',
    summary: 'Credential types declared by the installed nodes',
    tags,
    response: z.object({ data: z.array(credentialTypeSchema) }),
    errors: [401],
  }),
  list: defineRoute({
    method: 'GET',
    path: base,
    operationId: 'listCredentials',
    summary: 'Credentials I can see (own projects and shared into them)',
    tags,
    query: z.object({ projectId: idSchema.optional(), type: z.string().max(128).optional() }),
    response: z.object({ data: z.array(credentialSchema) }),
    errors: [401],
  }),
  get: defineRoute({
    method: 'GET',
    path: `${base}/:id`,
    operationId: 'getCredential',
    summary: 'Get a credential (secrets masked)',
    tags,
    params: idParamsSchema,
    response: credentialSchema,
    errors: [401, 404],
  }),
  create: defineRoute({
    method: 'POST',
    path: base,
    operationId: 'createCredential',
    summary: 'Create a credential; its data is encrypted at rest',
    tags,
    body: z
      .object({
        name: credentialNameSchema,
        type: z.string().min(1).max(128),
        projectId: idSchema.optional(),
        data: credentialDataSchema,
      })
      .strict(),
    response: credentialSchema,
    status: 201,
    errors: [401, 403, 404, 409],
  }),
  update: defineRoute({
    method: 'PATCH',
    path: `${base}/:id`,
    operationId: 'updateCredential',
    summary: 'Rename or change a credential (masked secret values keep the stored ones)',
    tags,
    params: idParamsSchema,
    body: z.object({ name: credentialNameSchema.optional(), data: credentialDataSchema.optional() }).strict(),
    response: credentialSchema,
    errors: [401, 403, 404, 409],
  }),
  delete: defineRoute({
    method: 'DELETE',
    path: `${base}/:id`,
    operationId: 'deleteCredential',
    summary: 'Delete a credential',
    tags,
    params: idParamsSchema,
    status: 204,
    errors: [401, 403, 404],
  }),
  test: defineRoute({
    method: 'POST',
    path: `${base}/:id/test`,
    operationId: 'testCredential',
    summary: 'Test connection with a stored credential',
    tags,
    params: idParamsSchema,
    response: testResultSchema,
    errors: [401, 403, 404],
  }),
  testData: defineRoute({
    method: 'POST',
    path: `${base}/test`,
    operationId: 'testCredentialData',
    summary: 'Test connection with unsaved data (masked values are taken from `id` when given)',
    tags,
    body: z
      .object({ type: z.string().min(1).max(128), data: credentialDataSchema, id: idSchema.optional() })
      .strict(),
    response: testResultSchema,
    errors: [401, 403, 404],
  }),
  options: defineRoute({
    method: 'GET',
    path: `${base}/:id/options/:list`,
    operationId: 'listCredentialOptions',
    summary:
      "What the credential's service offers a resource picker (`models`: the provider's models) in a workflow " +
      'whose project may use the credential; cached for a minute, `refresh=true` asks again',
    tags,
    params: z.object({ id: idSchema, list: z.string().regex(/^[A-Za-z][\w-]{0,63}$/) }),
    query: z.object({ workflowId: idSchema, refresh: z.enum(['true', 'false']).optional() }),
    response: z.object({ data: z.array(credentialOptionSchema), fetchedAt: timestampSchema }),
    errors: [400, 401, 403, 404, 502],
  }),
  oauth2Authorize: defineRoute({
    method: 'POST',
    path: `${base}/:id/oauth2/authorize`,
    operationId: 'startCredentialOAuth2',
    summary: 'Start the OAuth2 authorization-code flow (with PKCE); open the returned URL in the browser',
    tags,
    params: idParamsSchema,
    response: z.object({ authorizationUrl: z.string(), redirectUri: z.string() }),
    errors: [401, 403, 404],
  }),
  oauth2Callback: defineRoute({
    method: 'GET',
    path: '/api/v1/oauth2/callback',
    operationId: 'credentialOAuth2Callback',
    summary: 'Where the OAuth2 provider sends the browser back',
    tags,
    query: z.object({
      code: z.string().max(4096).optional(),
      state: z.string().max(512).optional(),
      error: z.string().max(512).optional(),
      error_description: z.string().max(2048).optional(),
    }),
    produces: 'text/html',
    errors: [400],
  }),
  oauth1Authorize: defineRoute({
    method: 'POST',
    path: `${base}/:id/oauth1/authorize`,
    operationId: 'startCredentialOAuth1',
    summary:
      'Start the OAuth 1.0a three-legged sign-in: the server gets a request token from the provider; open the returned URL in the browser',
    tags,
    params: idParamsSchema,
    response: z.object({ authorizationUrl: z.string(), callbackUrl: z.string() }),
    errors: [400, 401, 403, 404],
  }),
  oauth1Callback: defineRoute({
    method: 'GET',
    path: '/api/v1/oauth1/callback',
    operationId: 'credentialOAuth1Callback',
    summary:
      'Where the OAuth1 provider sends the browser back with the approved request token and its verifier',
    tags,
    query: z.object({
      state: z.string().max(512).optional(),
      oauth_token: z.string().max(2048).optional(),
      oauth_verifier: z.string().max(2048).optional(),
      /** Sent instead of a verifier by providers (Twitter, Flickr) when the user declines. */
      denied: z.string().max(2048).optional(),
    }),
    produces: 'text/html',
    errors: [400],
  }),
} as const;

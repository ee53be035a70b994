import { z } from 'zod';
import { defineRoute } from './contract.ts';
import { idParamsSchema, idSchema, timestampSchema } from './common.ts';

export const emailSchema = z.string().trim().toLowerCase().pipe(z.email()).pipe(z.string().max(254));
/** Length only: the strength rules are checked by the server with a precise message. */
export const passwordSchema = z.string().min(1).max(256);
export const instanceRoleSchema = z.enum(['owner', 'admin', 'member']);
export const projectRoleSchema = z.enum(['admin', 'editor', 'viewer']);

export const userSchema = z
  .object({
    id: z.string(),
    email: z.string(),
    displayName: z.string(),
    role: instanceRoleSchema,
    disabled: z.boolean(),
    /** Signs in through the OIDC provider. */
    ssoLinked: z.boolean(),
    hasPassword: z.boolean(),
    createdAt: timestampSchema,
  })
  .meta({ id: 'User' });
export type User = z.infer<typeof userSchema>;

export const sessionResponseSchema = z
  .object({
    user: userSchema,
    accessTokenExpiresAt: timestampSchema,
    /** Echo it in the `x-guixu-csrf` header on cookie-authenticated changes. */
    csrfToken: z.string().optional(),
    /** Only with `tokens: "body"` (scripts); browsers get httpOnly cookies instead. */
    accessToken: z.string().optional(),
    refreshToken: z.string().optional(),
  })
  .meta({ id: 'SessionResponse' });

const tokenDelivery = z.enum(['cookie', 'body']).default('cookie');

export const setupOwnerBodySchema = z
  .object({
    email: emailSchema,
    password: passwordSchema,
    displayName: z.string().trim().min(1).max(128).optional(),
    tokens: tokenDelivery,
  })
  .strict();
export const loginBodySchema = z
  .object({ email: emailSchema, password: passwordSchema, tokens: tokenDelivery })
  .strict();
export const refreshBodySchema = z
  .object({ refreshToken: z.string().min(1).max(512).optional(), tokens: tokenDelivery })
  .strict();
export const changePasswordBodySchema = z
  .object({ currentPassword: passwordSchema, newPassword: passwordSchema })
  .strict();
export const forgotPasswordBodySchema = z.object({ email: emailSchema }).strict();
export const resetPasswordBodySchema = z
  .object({ token: z.string().min(1).max(512), password: passwordSchema })
  .strict();

export const sessionSchema = z
  .object({
    id: z.string(),
    current: z.boolean(),
    via: z.string(),
    userAgent: z.string().nullable(),
    ip: z.string().nullable(),
    createdAt: timestampSchema,
    lastUsedAt: timestampSchema,
    expiresAt: timestampSchema,
  })
  .meta({ id: 'Session' });

export const meSchema = z
  .object({
    user: userSchema,
    personalProjectId: z.string().nullable(),
    projects: z.array(
      z.object({ id: z.string(), name: z.string(), kind: z.string(), role: projectRoleSchema }),
    ),
    via: z.enum(['user', 'apiKey']),
  })
  .meta({ id: 'Me' });

/** `<resource>:read` or `<resource>:write`. */
export const apiKeyScopeSchema = z
  .string()
  .regex(/^[a-zA-Z]+:(read|write)$/, 'must look like "workflow:read"');
export const apiKeySchema = z
  .object({
    id: z.string(),
    name: z.string(),
    prefix: z.string(),
    scopes: z.array(z.string()),
    expiresAt: timestampSchema.nullable(),
    lastUsedAt: timestampSchema.nullable(),
    createdAt: timestampSchema,
  })
  .meta({ id: 'ApiKey' });
export const createApiKeyBodySchema = z
  .object({
    name: z.string().trim().min(1).max(128),
    scopes: z.array(apiKeyScopeSchema).min(1).max(100),
    expiresAt: timestampSchema.optional(),
  })
  .strict();
export const createdApiKeySchema = apiKeySchema.extend({
  /** The key itself: shown once, stored hashed. */
  key: z.string(),
});

export const oidcSettingsSchema = z
  .object({
    enabled: z.boolean(),
    discoveryUrl: z.url(),
    clientId: z.string().min(1).max(512),
    /** Masked in responses; send the mask back to keep the stored secret. */
    clientSecret: z.string().max(2048),
    scopes: z.string().max(512).default('openid email profile'),
    /** Claim holding the user's groups/roles (e.g. `groups`). */
    roleClaim: z.string().max(128).default('groups'),
    /** Claim value → instance role; users matching nothing get `defaultRole`. */
    roleMapping: z.record(z.string(), instanceRoleSchema.exclude(['owner'])).default({}),
    defaultRole: instanceRoleSchema.exclude(['owner']).default('member'),
    /** Create accounts on first sign-in (else only existing emails may sign in). */
    autoCreate: z.boolean().default(true),
  })
  .meta({ id: 'OidcSettings' });

const auth = ['Auth'] as const;
const keys = ['API keys'] as const;
const sso = ['SSO'] as const;

export const authRoutes = {
  setupStatus: defineRoute({
    method: 'GET',
    path: '/api/v1/setup',
    operationId: 'getSetupStatus',
    summary: 'Whether the instance owner exists yet',
    tags: auth,
    response: z.object({ ownerExists: z.boolean(), ssoEnabled: z.boolean() }),
  }),
  setupOwner: defineRoute({
    method: 'POST',
    path: '/api/v1/setup/owner',
    operationId: 'setupOwner',
    summary: 'Create the instance owner (only while none exists) and sign in',
    tags: auth,
    body: setupOwnerBodySchema,
    response: sessionResponseSchema,
    status: 201,
    errors: [409, 429],
  }),
  login: defineRoute({
    method: 'POST',
    path: '/api/v1/auth/login',
    operationId: 'login',
    summary: 'Sign in with email and password',
    tags: auth,
    body: loginBodySchema,
    response: sessionResponseSchema,
    errors: [401, 429],
  }),
  refresh: defineRoute({
    method: 'POST',
    path: '/api/v1/auth/refresh',
    operationId: 'refreshSession',
    summary: 'Exchange a refresh token (cookie or body) for a new access token; rotates the refresh token',
    tags: auth,
    body: refreshBodySchema,
    response: sessionResponseSchema,
    errors: [401],
  }),
  logout: defineRoute({
    method: 'POST',
    path: '/api/v1/auth/logout',
    operationId: 'logout',
    summary: 'Sign out: revokes the current session',
    tags: auth,
    status: 204,
    errors: [401],
  }),
  me: defineRoute({
    method: 'GET',
    path: '/api/v1/auth/me',
    operationId: 'getMe',
    summary: 'The signed-in user with their projects',
    tags: auth,
    response: meSchema,
    errors: [401],
  }),
  sessions: defineRoute({
    method: 'GET',
    path: '/api/v1/auth/sessions',
    operationId: 'listMySessions',
    summary: 'My active sessions',
    tags: auth,
    response: z.object({ data: z.array(sessionSchema) }),
    errors: [401],
  }),
  revokeSession: defineRoute({
    method: 'DELETE',
    path: '/api/v1/auth/sessions/:id',
    operationId: 'revokeMySession',
    summary: 'Revoke one of my sessions',
    tags: auth,
    params: idParamsSchema,
    status: 204,
    errors: [401, 404],
  }),
  changePassword: defineRoute({
    method: 'POST',
    path: '/api/v1/auth/password',
    operationId: 'changePassword',
    summary: 'Change my password (signs out my other sessions)',
    tags: auth,
    body: changePasswordBodySchema,
    status: 204,
    errors: [401],
  }),
  forgotPassword: defineRoute({
    method: 'POST',
    path: '/api/v1/auth/password/forgot',
    operationId: 'forgotPassword',
    summary: 'Send a one-time reset link (answers the same whether or not the account exists)',
    tags: auth,
    body: forgotPasswordBodySchema,
    status: 202,
    errors: [429],
  }),
  resetPassword: defineRoute({
    method: 'POST',
    path: '/api/v1/auth/password/reset',
    operationId: 'resetPassword',
    summary: 'Set a new password with a one-time reset or invitation token',
    tags: auth,
    body: resetPasswordBodySchema,
    status: 204,
    errors: [401, 429],
  }),
  oidcLogin: defineRoute({
    method: 'GET',
    path: '/api/v1/auth/oidc/login',
    operationId: 'oidcLogin',
    summary: 'Start signing in with the OpenID Connect provider (redirects)',
    tags: sso,
    query: z.object({ redirect: z.string().max(512).optional() }),
    status: 302,
    errors: [404],
  }),
  oidcCallback: defineRoute({
    method: 'GET',
    path: '/api/v1/auth/oidc/callback',
    operationId: 'oidcCallback',
    summary: 'Where the OpenID Connect provider sends the browser back',
    tags: sso,
    query: z.object({
      code: z.string().max(4096).optional(),
      state: z.string().max(512).optional(),
      error: z.string().max(512).optional(),
      error_description: z.string().max(2048).optional(),
    }),
    status: 302,
    errors: [401],
  }),
  getOidc: defineRoute({
    method: 'GET',
    path: '/api/v1/sso/oidc',
    operationId: 'getOidcSettings',
    summary: 'OpenID Connect settings (secret masked)',
    tags: sso,
    response: oidcSettingsSchema.nullable(),
    errors: [401, 403],
  }),
  putOidc: defineRoute({
    method: 'PUT',
    path: '/api/v1/sso/oidc',
    operationId: 'putOidcSettings',
    summary: 'Configure sign-in with an OpenID Connect provider (owner only)',
    tags: sso,
    body: oidcSettingsSchema,
    response: oidcSettingsSchema,
    errors: [401, 403],
  }),
  listApiKeys: defineRoute({
    method: 'GET',
    path: '/api/v1/api-keys',
    operationId: 'listApiKeys',
    summary: 'My API keys (never the keys themselves)',
    tags: keys,
    response: z.object({ data: z.array(apiKeySchema) }),
    errors: [401],
  }),
  createApiKey: defineRoute({
    method: 'POST',
    path: '/api/v1/api-keys',
    operationId: 'createApiKey',
    summary: 'Create an API key; the response is the only time the key is shown',
    tags: keys,
    body: createApiKeyBodySchema,
    response: createdApiKeySchema,
    status: 201,
    errors: [401],
  }),
  revokeApiKey: defineRoute({
    method: 'DELETE',
    path: '/api/v1/api-keys/:id',
    operationId: 'revokeApiKey',
    summary: 'Revoke an API key',
    tags: keys,
    params: z.object({ id: idSchema }),
    status: 204,
    errors: [401, 404],
  }),
} as const;

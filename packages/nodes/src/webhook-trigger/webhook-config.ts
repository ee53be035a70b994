import { GuixuError } from '@guixu/core';

/**
 * What the server needs to register a Webhook node, read from its raw
 * parameters with clear errors. Pure: the server does the HTTP.
 */

export const WEBHOOK_METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD'] as const;
export type WebhookMethod = (typeof WEBHOOK_METHODS)[number];
export type WebhookAuthentication = 'none' | 'basicAuth' | 'headerAuth' | 'jwtAuth' | 'hmac';
export type WebhookResponseMode = 'onReceived' | 'lastNode' | 'responseNode';

export interface WebhookConfig {
  methods: WebhookMethod[];
  /** Normalised path without leading/trailing slashes, e.g. `orders/:id`. */
  path: string;
  /** Names of `:param` segments, in order. */
  pathParams: string[];
  authentication: WebhookAuthentication;
  /** Credential slot the server loads for `authentication`. */
  credentialSlot?: string;
  responseMode: WebhookResponseMode;
  responseCode: number;
  responseData: 'allEntries' | 'firstEntryJson' | 'firstEntryBinary' | 'noData';
  responseBinaryPropertyName: string;
}

/** Credential slot for each authentication kind (n8n's credential type names). */
export const AUTH_SLOTS: Record<Exclude<WebhookAuthentication, 'none'>, string> = {
  basicAuth: 'httpBasicAuth',
  headerAuth: 'httpHeaderAuth',
  jwtAuth: 'jwtAuth',
  hmac: 'webhookHmacAuth',
};

const SEGMENT = /^(:[A-Za-z_][A-Za-z0-9_]*|[A-Za-z0-9._~!$&'()*+,;=@-]+)$/;

function fail(parameter: string, message: string, node?: string): never {
  throw new GuixuError('WEBHOOK_INVALID', message, { node, parameter });
}

/** Validates and normalises a webhook path (`/orders/:id/` → `orders/:id`). */
export function normalizeWebhookPath(raw: unknown, node?: string): { path: string; pathParams: string[] } {
  if (typeof raw !== 'string' || raw.trim() === '') fail('path', 'The webhook path is empty', node);
  const path = raw.trim().replace(/^\/+|\/+$/g, '');
  if (path === '') fail('path', 'The webhook path is empty', node);
  const segments = path.split('/');
  const pathParams: string[] = [];
  for (const segment of segments) {
    if (!SEGMENT.test(segment)) {
      fail('path', `The webhook path "${raw}" has an invalid segment "${segment}"`, node);
    }
    if (segment.startsWith(':')) {
      const name = segment.slice(1);
      if (pathParams.includes(name)) fail('path', `The webhook path repeats the parameter ":${name}"`, node);
      pathParams.push(name);
    }
  }
  return { path, pathParams };
}

/** Matches a request path against a webhook path; returns the `:param` values or undefined. */
export function matchWebhookPath(pattern: string, requestPath: string): Record<string, string> | undefined {
  const want = pattern.split('/');
  const got = requestPath.replace(/^\/+|\/+$/g, '').split('/');
  if (want.length !== got.length) return undefined;
  const params: Record<string, string> = {};
  for (let i = 0; i < want.length; i++) {
    if (want[i].startsWith(':')) {
      if (got[i] === '') return undefined;
      try {
        params[want[i].slice(1)] = decodeURIComponent(got[i]);
      } catch {
        return undefined;
      }
    } else if (want[i] !== got[i]) {
      return undefined;
    }
  }
  return params;
}

function methodsOf(parameters: Record<string, unknown>, node?: string): WebhookMethod[] {
  const raw = parameters.httpMethod ?? (parameters.multipleMethods ? ['GET', 'POST'] : 'GET');
  const list = Array.isArray(raw) ? raw : [raw];
  if (list.length === 0) fail('httpMethod', 'Pick at least one HTTP method', node);
  return list.map((m) => {
    const upper = typeof m === 'string' ? m.toUpperCase() : '';
    if (!WEBHOOK_METHODS.includes(upper as WebhookMethod)) {
      fail(
        'httpMethod',
        `Unsupported HTTP method ${JSON.stringify(m)} (use ${WEBHOOK_METHODS.join(', ')})`,
        node,
      );
    }
    return upper as WebhookMethod;
  });
}

function oneOf<T extends string>(
  value: unknown,
  allowed: readonly T[],
  fallback: T,
  parameter: string,
  node?: string,
): T {
  if (value === undefined || value === null || value === '') return fallback;
  if (typeof value === 'string' && allowed.includes(value as T)) return value as T;
  return fail(
    parameter,
    `"${parameter}" must be one of ${allowed.join(', ')}, got ${JSON.stringify(value)}`,
    node,
  );
}

export function webhookConfig(parameters: Record<string, unknown>, node?: string): WebhookConfig {
  const { path, pathParams } = normalizeWebhookPath(parameters.path, node);
  const authentication = oneOf(
    parameters.authentication,
    ['none', 'basicAuth', 'headerAuth', 'jwtAuth', 'hmac'] as const,
    'none',
    'authentication',
    node,
  );
  const code = parameters.responseCode ?? 200;
  const responseCode = typeof code === 'string' ? Number(code) : code;
  if (
    typeof responseCode !== 'number' ||
    !Number.isInteger(responseCode) ||
    responseCode < 100 ||
    responseCode > 599
  ) {
    fail(
      'responseCode',
      `The response code must be an HTTP status from 100 to 599, got ${JSON.stringify(code)}`,
      node,
    );
  }
  const binaryName = parameters.responseBinaryPropertyName;
  return {
    methods: [...new Set(methodsOf(parameters, node))],
    path,
    pathParams,
    authentication,
    credentialSlot: authentication === 'none' ? undefined : AUTH_SLOTS[authentication],
    responseMode: oneOf(
      parameters.responseMode,
      ['onReceived', 'lastNode', 'responseNode'] as const,
      'onReceived',
      'responseMode',
      node,
    ),
    responseCode,
    responseData: oneOf(
      parameters.responseData,
      ['allEntries', 'firstEntryJson', 'firstEntryBinary', 'noData'] as const,
      'firstEntryJson',
      'responseData',
      node,
    ),
    responseBinaryPropertyName: typeof binaryName === 'string' && binaryName !== '' ? binaryName : 'data',
  };
}

import { p } from '@guixu/core';
import { AUTH_SLOTS, WEBHOOK_METHODS, type WebhookAuthentication } from './webhook-config.ts';

/**
 * The parameters every node that receives an HTTP call declares (the Webhook
 * trigger, and the Wait node resumed by a webhook call), defined once so their
 * labels, choices and defaults cannot drift apart.
 */

type DisplayOptions = { show?: Record<string, unknown[]>; hide?: Record<string, unknown[]> };
type AuthKind = Exclude<WebhookAuthentication, 'none'>;

const AUTH_LABELS: Record<AuthKind, string> = {
  basicAuth: 'Basic Auth',
  headerAuth: 'Header Auth',
  jwtAuth: 'JWT Auth',
  hmac: 'HMAC signature',
};

export function httpMethodChoices() {
  return WEBHOOK_METHODS.map((value) => ({ value, label: value }));
}

export function authenticationParam(kinds: readonly AuthKind[], displayOptions?: DisplayOptions) {
  return p.options({
    label: 'Authentication',
    default: 'none',
    noExpression: true,
    ...(displayOptions ? { displayOptions } : {}),
    options: [
      { value: 'none', label: 'None' },
      ...kinds.map((kind) => ({ value: kind, label: AUTH_LABELS[kind] })),
    ],
  });
}

/** One credential slot per authentication kind, shown when `parameter` selects it. */
export function authCredentials(
  parameter: string,
  kinds: readonly AuthKind[],
  show: Record<string, unknown[]> = {},
) {
  return kinds.map((kind) => ({
    name: AUTH_SLOTS[kind],
    required: true,
    displayOptions: { show: { ...show, [parameter]: [kind] } },
  }));
}

export function responseModeParam(displayOptions?: DisplayOptions) {
  return p.options({
    label: 'Respond',
    default: 'onReceived',
    noExpression: true,
    ...(displayOptions ? { displayOptions } : {}),
    options: [
      { value: 'onReceived', label: 'Immediately', description: 'As soon as this node runs' },
      {
        value: 'lastNode',
        label: 'When last node finishes',
        description: 'Returns data of the last node run',
      },
      {
        value: 'responseNode',
        label: "Using 'Respond to Webhook' node",
        description: 'Response defined in that node',
      },
    ],
  });
}

export function responseCodeParam(displayOptions: DisplayOptions) {
  return p.number({
    label: 'Response code',
    default: 200,
    min: 100,
    max: 599,
    integer: true,
    displayOptions,
  });
}

/** How the incoming request is read and who may send it (fields of the node's Options). */
export function requestOptionFields() {
  return {
    binaryPropertyName: p.string({
      label: 'Field name for binary data',
      description: 'Store an uploaded body as binary data under this name instead of parsing it',
      default: 'data',
    }),
    ignoreBots: p.boolean({
      label: 'Ignore bots',
      description: 'Ignore link previewers and crawlers',
      default: false,
    }),
    ipWhitelist: p.string({
      label: 'IP(s) allowlist',
      description: 'Comma-separated IP addresses allowed to call; empty allows all',
      default: '',
    }),
    rawBody: p.boolean({
      label: 'Raw body',
      description: 'Keep the body as binary, unparsed',
      default: false,
    }),
  };
}

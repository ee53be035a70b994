import { GuixuError } from '@guixu/core';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { registerErrorStatus } from '../http/http-errors.ts';
import { INSTANCE_COOKIE_PREFIX } from './cookies.ts';

export const WEBHOOK_SANDBOX_MODES = ['strict', 'scripts', 'off'] as const;
/** `GUIXU_WEBHOOK_SANDBOX`: how a browser confines what a workflow answers (docs/security.md). */
export type WebhookSandbox = (typeof WEBHOOK_SANDBOX_MODES)[number];

/**
 * Paths whose answers are the user's own (webhook responses, forms, resume
 * calls): their workflow decides headers and CORS (per node), under the
 * sandbox below instead of the API's policy.
 */
export const WEBHOOK_PREFIXES: readonly string[] = [
  '/webhook/',
  '/webhook-test/',
  '/webhook-waiting/',
  '/form/',
];

export function isWebhookPath(url: string): boolean {
  return WEBHOOK_PREFIXES.some((prefix) => url.startsWith(prefix));
}

// Forms may submit, links may open and files download; none of these gives
// the page scripts or the instance's origin (no allow-scripts, no allow-same-origin).
const SANDBOX_STRICT =
  'sandbox allow-forms allow-popups allow-downloads allow-top-navigation-by-user-activation';
// Scripts run, but in an opaque origin: they cannot read the instance's
// cookies, and their requests to the API are cross-site (no session cookie).
const SANDBOX_SCRIPTS = `${SANDBOX_STRICT} allow-scripts allow-modals`;

/** The policy every webhook and form answer carries, or undefined when the operator turned it off. */
export function webhookCsp(mode: WebhookSandbox): string | undefined {
  if (mode === 'strict') return SANDBOX_STRICT;
  if (mode === 'scripts') return SANDBOX_SCRIPTS;
  return undefined;
}

function headerList(value: ReturnType<FastifyReply['getHeader']>): string[] {
  if (value === undefined) return [];
  return Array.isArray(value) ? value.map(String) : [String(value)];
}

/**
 * Applied just before a webhook answer is sent, after the workflow set its
 * headers. A Content-Security-Policy the workflow set is kept and ours is sent
 * beside it (a browser enforces both, so a workflow can tighten but never
 * lift the sandbox); `nosniff` always; Set-Cookie headers naming the
 * instance's own cookies are dropped, so a workflow cannot plant or replace
 * a session or CSRF cookie on the instance's origin.
 */
export function applyWebhookPolicy(reply: FastifyReply, mode: WebhookSandbox): void {
  const csp = webhookCsp(mode);
  if (csp !== undefined) {
    const own = headerList(reply.getHeader('content-security-policy')).filter((v) => v.trim() !== '');
    reply.header('content-security-policy', own.length === 0 ? csp : [...own, csp]);
  }
  reply.header('x-content-type-options', 'nosniff');
  const cookies = headerList(reply.getHeader('set-cookie'));
  if (cookies.length > 0) {
    const kept = cookies.filter((c) => !c.trimStart().toLowerCase().startsWith(INSTANCE_COOKIE_PREFIX));
    reply.removeHeader('set-cookie');
    if (kept.length > 0) reply.header('set-cookie', kept);
  }
}

export const WEBHOOK_WRONG_ORIGIN = 'WEBHOOK_WRONG_ORIGIN';
registerErrorStatus(WEBHOOK_WRONG_ORIGIN, 421);

export interface WebOrigins {
  /** `GUIXU_PUBLIC_URL`: the API and the editor. */
  publicUrl: string;
  /** `GUIXU_WEBHOOK_URL`: webhooks, forms and resume calls. */
  webhookUrl: string;
  webhookSandbox: WebhookSandbox;
}

/**
 * Webhook answers get the sandbox policy; with a separate webhook origin,
 * webhook paths asked for on the API's host are refused (421), so a
 * workflow's page can never be served where the session cookies live.
 */
export function installWebhookPolicy(app: FastifyInstance, origins: WebOrigins): void {
  const apiHost = new URL(origins.publicUrl).host.toLowerCase();
  const webhookHost = new URL(origins.webhookUrl).host.toLowerCase();
  if (apiHost === webhookHost && origins.webhookSandbox !== 'strict') {
    app.log.warn(
      { webhookSandbox: origins.webhookSandbox },
      'GUIXU_WEBHOOK_SANDBOX is relaxed while webhooks share the API origin: set GUIXU_WEBHOOK_URL to a separate origin',
    );
  }
  if (apiHost !== webhookHost) {
    app.addHook('onRequest', async (request: FastifyRequest) => {
      if (isWebhookPath(request.url) && request.host.toLowerCase() === apiHost) {
        throw new GuixuError(
          WEBHOOK_WRONG_ORIGIN,
          `Webhooks are served at ${origins.webhookUrl}, not on the API's origin ${origins.publicUrl}`,
          { details: { webhookUrl: origins.webhookUrl } },
        );
      }
    });
  }
  app.addHook('onSend', async (request, reply, payload) => {
    if (isWebhookPath(request.url)) applyWebhookPolicy(reply, origins.webhookSandbox);
    return payload;
  });
}

/**
 * HTTP Request, parameters as n8n's HTTP Request v4.2–4.4. Deliberate deviations:
 * - "Predefined Credential Type" supports the service types in predefined/registry.ts;
 *   others fail with HTTP_CREDENTIAL_TYPE_UNSUPPORTED;
 * - with "Batching", a batch finishes before the next one starts; without it at
 *   most 16 requests run at once (n8n starts all at the same time);
 * - pages from "Response Contains Next URL" do not repeat query parameters the
 *   next URL already carries, and a failing last page is not output (see pagination.ts);
 * - form-urlencoded bodies repeat a field name for each value of an array;
 * - HTTP_PROXY / HTTPS_PROXY / NO_PROXY apply when no "Proxy" option is set,
 *   but never to loopback hosts.
 */
import { setMaxListeners } from 'node:events';
import { defineNode, GuixuError, type Item, type NodeRunContext } from '@guixu/core';
import { type Authenticator, createAuthenticator } from './auth.ts';
import { type ClientTls, loadClientTls } from './client-tls.ts';
import { paginate } from './pagination.ts';
import { PREDEFINED_CREDENTIAL_TYPES } from './predefined/registry.ts';
import { GENERIC_AUTH_TYPES, httpRequestParams } from './params.ts';
import { buildRequestSpec, type HttpRequestParams } from './request-spec.ts';
import { type ReadResponse, readResponse, type ResponseSettings, responseItems } from './response.ts';
import { type ConnectionSettings, sendSpec } from './send-request.ts';
import { asNodeError, failedRequestItem, isSuccess, statusError } from './status-error.ts';
import { type Batching, runItems } from './run-items.ts';

// n8n waits five minutes when no timeout option is set.
const DEFAULT_TIMEOUT_MS = 300_000;

function responseSettings(params: HttpRequestParams): ResponseSettings {
  const response = params.options.response?.response;
  return {
    format: response?.responseFormat ?? 'autodetect',
    fullResponse: response?.fullResponse ?? false,
    neverError: response?.neverError ?? false,
    outputPropertyName: response?.outputPropertyName || 'data',
    parseJsonText: response?.parseJsonText ?? false,
  };
}

function connectionSettings(params: HttpRequestParams): ConnectionSettings {
  const { options } = params;
  const redirect = options.redirect?.redirect;
  return {
    timeoutMs: options.timeout || DEFAULT_TIMEOUT_MS,
    followRedirects: redirect?.followRedirects ?? true,
    maxRedirects: redirect?.maxRedirects ?? 21,
    proxy: options.proxy?.trim() || undefined,
    rejectUnauthorized: !options.allowUnauthorizedCerts,
    uncompressed: options.requestUncompressedResponse ?? false,
    sendCredentialsOnCrossOriginRedirect: options.sendCredentialsOnCrossOriginRedirect ?? false,
    responseFormat: responseSettings(params).format,
    env: process.env,
  };
}

function batchingOf(ctx: NodeRunContext<HttpRequestParams>): Batching | undefined {
  let params: HttpRequestParams;
  try {
    params = ctx.params(0);
  } catch {
    return undefined; // item 0 reports its own parameter error
  }
  const batch = params.options.batching?.batch;
  if (!batch || batch.batchSize < 0) return undefined;
  return { size: Math.max(1, batch.batchSize), intervalMs: batch.batchInterval };
}

/** Loaded once per run and shared by every item, as n8n reads credentials once. */
interface RunResources {
  auth(params: HttpRequestParams): Promise<Authenticator>;
  tls(params: HttpRequestParams): Promise<ClientTls | undefined>;
}

async function requestItem(
  ctx: NodeRunContext<HttpRequestParams>,
  itemIndex: number,
  resources: RunResources,
  signal: AbortSignal,
): Promise<Item[]> {
  const params = ctx.params(itemIndex);
  const item = ctx.items[itemIndex];
  const nodeName = ctx.node.name;
  const spec = buildRequestSpec(params, item, nodeName, itemIndex);
  const authenticator = await resources.auth(params);
  const tls = await resources.tls(params);
  const settings = responseSettings(params);
  const send = {
    auth: authenticator,
    tls,
    connection: connectionSettings(params),
    binary: ctx.services.binary,
    signal,
  };
  const errorContext = {
    nodeName,
    itemIndex,
    method: spec.method,
    // A getter: OAuth2 tokens fetched later must be redacted too.
    get secrets() {
      return authenticator.secrets;
    },
    now: ctx.now(),
  };
  const read = {
    settings,
    binary: ctx.services.binary,
    executionId: ctx.execution.id,
    nodeName,
    itemIndex,
    requestUrl: spec.url,
  };
  try {
    const pagination = params.options.pagination?.pagination;
    let reads: ReadResponse[];
    if (pagination && pagination.paginationMode !== 'off') {
      reads = await paginate({ ctx, itemIndex, spec, pagination, send, read, errorContext });
    } else {
      const response = await sendSpec(spec, send);
      if (!isSuccess(response.statusCode) && !settings.neverError) {
        throw await statusError(response, errorContext);
      }
      reads = [await readResponse(response, read)];
    }
    return reads.flatMap((r) => responseItems(r, settings, item, itemIndex));
  } catch (error) {
    throw asNodeError(error, nodeName, itemIndex, authenticator.secrets);
  }
}

export default defineNode({
  type: 'guixu.httpRequest',
  version: 1,
  displayName: 'HTTP Request',
  description: 'Makes an HTTP request to any URL and returns the response as JSON, text or a file.',
  group: 'action',
  icon: 'globe',
  defaultName: 'HTTP Request',
  inputs: ['main'],
  outputs: ['main'],
  credentials: [
    ...GENERIC_AUTH_TYPES.map((name) => ({
      name,
      required: true,
      displayOptions: { show: { authentication: ['genericCredentialType'], genericAuthType: [name] } },
    })),
    ...PREDEFINED_CREDENTIAL_TYPES.filter((name) => name !== 'oAuth1Api').map((name) => ({
      name,
      required: true,
      displayOptions: { show: { authentication: ['predefinedCredentialType'], nodeCredentialType: [name] } },
    })),
    { name: 'httpSslAuth', required: true, displayOptions: { show: { provideSslCertificates: [true] } } },
  ],
  params: httpRequestParams,
  docs: [
    'Sends one request per input item (parameters may use expressions) and outputs the answer:',
    'a JSON array becomes one item per element, text goes to the "data" field, and files are stored',
    'as binary data. "Include Response Headers and Status" returns { body, headers, statusCode,',
    'statusMessage }. Authentication uses generic credentials: Basic, Header, Query, Bearer, Digest,',
    'Custom (headers/query/body from JSON), OAuth1 (HMAC-SHA1/256/512 signed) or OAuth2',
    '(client credentials; the token is cached for the run and refreshed once after a 401);',
    'or a predefined service credential (Cloudflare, Qdrant, OpenAI, Google Gemini, WordPress, WhatsApp,',
    'ERPNext, Airtable, HubSpot, Slack, Discord, Mistral, VirusTotal, Notion, lemlist, and Google, Gmail, YouTube,',
    'Outlook, HubSpot and Linear OAuth2);',
    '"SSL Certificates" adds a private CA or a client certificate for mutual TLS.',
    'Bodies can be JSON, form-urlencoded, multipart form-data (with binary files), raw text or a',
    'binary file. Options cover batching, redirects, proxies (HTTPS through CONNECT; HTTP_PROXY,',
    'HTTPS_PROXY and NO_PROXY apply when none is set), timeouts,',
    'ignoring TLS errors, query array formats and pagination (update a parameter per page or',
    'follow a next URL, using $response, $pageCount and $request in expressions).',
    'A status outside 2xx fails with code HTTP_STATUS_<status> unless "Never Error" is on;',
    '429, 5xx and network failures are marked retryable.',
  ].join(' '),
  async run(ctx) {
    if (ctx.items.length === 0) return [[]];
    const controller = new AbortController();
    // Every request in flight listens to this signal; more than ten is normal here.
    setMaxListeners(0, controller.signal);
    const stop = () => controller.abort(ctx.signal.reason);
    ctx.signal.addEventListener('abort', stop, { once: true });
    let authenticator: Promise<Authenticator> | undefined;
    let clientTls: Promise<ClientTls | undefined> | undefined;
    const resources: RunResources = {
      auth(params) {
        const connection = connectionSettings(params);
        authenticator ??= createAuthenticator(ctx, params, {
          signal: controller.signal,
          timeoutMs: connection.timeoutMs,
          proxy: connection.proxy,
          rejectUnauthorized: connection.rejectUnauthorized,
          env: connection.env,
          now: () => ctx.now(),
        });
        return authenticator;
      },
      tls(params) {
        clientTls ??= loadClientTls(ctx, params);
        return clientTls;
      },
    };
    try {
      const { results, firstFailure } = await runItems(
        {
          count: ctx.items.length,
          batching: batchingOf(ctx),
          clock: ctx.services.clock,
          signal: controller.signal,
          stopOnFailure: !ctx.continueOnFail(),
          onFailure: () => {
            if (!ctx.continueOnFail()) controller.abort();
          },
        },
        (itemIndex) => requestItem(ctx, itemIndex, resources, controller.signal),
      );
      if (ctx.signal.aborted) {
        const reason: unknown = ctx.signal.reason;
        throw reason instanceof GuixuError
          ? reason
          : new GuixuError('HTTP_CANCELLED', 'The HTTP requests were cancelled', { node: ctx.node.name });
      }
      if (firstFailure !== undefined && !ctx.continueOnFail()) {
        const failure = results[firstFailure];
        throw asNodeError(
          failure?.status === 'rejected' ? failure.reason : undefined,
          ctx.node.name,
          firstFailure,
          [],
        );
      }
      const out: Item[] = [];
      results.forEach((result, i) => {
        if (result === undefined) return;
        if (result.status === 'fulfilled') out.push(...result.value);
        else out.push(failedRequestItem(result.reason, i));
      });
      const hints =
        out.length === 1 && Array.isArray(out[0]?.json.data)
          ? ['To split the contents of "data" into separate items, add a Split Out node after this one.']
          : undefined;
      return hints ? { outputs: [out], hints } : [out];
    } finally {
      ctx.signal.removeEventListener('abort', stop);
    }
  },
});

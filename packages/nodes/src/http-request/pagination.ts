import { createHash } from 'node:crypto';
import { type JsonValue, NodeOperationError, type NodeRunContext } from '@guixu/core';
import { isExpressionString } from '@guixu/core';
import type { HttpRequestParams, MultipartPart, RequestSpec } from './request-spec.ts';
import { setHeader } from './request-spec.ts';
import { type ReadOptions, type ReadResponse, readResponse } from './response.ts';
import { type SendContext, sendSpec } from './send-request.ts';
import { isSuccess, type StatusErrorContext, statusErrorFromText } from './status-error.ts';

/**
 * n8n's pagination: request after request until the "complete" rule says stop.
 * Parameter values, the next URL and the complete expression are evaluated per
 * page with `$response` (the previous page: body, headers, statusCode,
 * statusMessage), `$pageCount` (pages fetched so far) and `$request`.
 * Deviations: a non-2xx page that ends pagination is not output unless
 * "Never Error" is on (n8n outputs it as one more item), and a relative next
 * URL resolves against the previous page's URL (n8n rejects it).
 */
export type PaginationSettings = NonNullable<
  NonNullable<HttpRequestParams['options']['pagination']>['pagination']
>;

export interface PaginateOptions {
  ctx: NodeRunContext<HttpRequestParams>;
  itemIndex: number;
  spec: RequestSpec;
  pagination: PaginationSettings;
  send: SendContext;
  read: ReadOptions;
  errorContext: StatusErrorContext;
}

const MAX_IDENTICAL = 3;

export async function paginate(options: PaginateOptions): Promise<ReadResponse[]> {
  const { ctx, itemIndex, pagination, spec } = options;
  const nodeName = ctx.node.name;
  const fail = (message: string, parameter: string, description?: string) =>
    new NodeOperationError(nodeName, message, {
      parameter: `options.pagination.pagination.${parameter}`,
      description,
      details: { code: 'HTTP_PAGINATION_INVALID', itemIndex },
    });
  const shouldContinue = completionRule(pagination, fail);
  const neverError = options.read.settings.neverError;
  const reads: ReadResponse[] = [];
  let $response: Record<string, JsonValue> = {};
  let pageCount = 0;
  let identical = 0;
  let previous = '';
  let lastUrl = spec.url;
  for (;;) {
    const $request = requestVariable(spec);
    const variables = { $response, $pageCount: pageCount, $request };
    const page = pageRequest(options, { variables, pageCount, lastUrl }, fail);
    const response = await sendSpec(page, options.send, { skipQueryKeysInUrl: page.url !== spec.url });
    const lenient = { ...options.read.settings, neverError: neverError || !isSuccess(response.statusCode) };
    const read = await readResponse(response, { ...options.read, settings: lenient });
    pageCount++;
    lastUrl = read.url;
    $response = {
      body: read.kind === 'file' ? { ...read.body } : (read.body ?? ''),
      headers: { ...read.headers },
      statusCode: read.statusCode,
      statusMessage: read.statusMessage,
    };
    const fingerprint = fingerprintOf(read);
    identical = fingerprint === previous ? identical + 1 : 0;
    previous = fingerprint;
    if (identical >= MAX_IDENTICAL) {
      throw new NodeOperationError(
        nodeName,
        `The server returned the same response ${identical + 1} times in a row, so pagination stopped`,
        {
          description: 'Check "Pagination Complete When" and the parameters that change from page to page.',
          details: { code: 'HTTP_PAGINATION_LOOP', itemIndex, pages: pageCount },
        },
      );
    }
    const limitReached = pagination.limitPagesFetched && pageCount >= pagination.maxRequests;
    const more =
      !limitReached &&
      shouldContinue(read, (source) =>
        evaluate(ctx, source, itemIndex, { $response, $pageCount: pageCount, $request }),
      );
    if (more && !isSuccess(read.statusCode) && !neverError) {
      throw statusErrorFromText(read, textOf(read), options.errorContext);
    }
    if (isSuccess(read.statusCode) || neverError || more) reads.push(read);
    if (!more) return reads;
    if (pagination.requestInterval > 0)
      await ctx.services.clock.sleep(pagination.requestInterval, ctx.signal);
  }
}

type Evaluate = (source: string) => unknown;
type Fail = (message: string, parameter: string, description?: string) => NodeOperationError;

function completionRule(
  pagination: PaginationSettings,
  fail: Fail,
): (read: ReadResponse, evaluate: Evaluate) => boolean {
  switch (pagination.paginationCompleteWhen) {
    case 'responseIsEmpty':
      return (read) => {
        const body = read.body;
        return Array.isArray(body) ? body.length > 0 : Boolean(body);
      };
    case 'receiveSpecificStatusCodes': {
      const codes = pagination.statusCodesWhenComplete
        .split(',')
        .map((code) => code.trim())
        .filter((code) => code !== '')
        .map(Number);
      if (codes.length === 0 || codes.some((code) => !Number.isInteger(code))) {
        throw fail(
          `"Status Code(s) when Complete" must be a comma-separated list of status codes, got "${pagination.statusCodesWhenComplete}"`,
          'statusCodesWhenComplete',
        );
      }
      return (read) => !codes.includes(read.statusCode);
    }
    case 'other': {
      const source = pagination.completeExpression.trim();
      if (!isExpressionString(source)) {
        throw fail(
          'Invalid or empty Complete Expression',
          'completeExpression',
          'Use an expression such as {{ !$response.body.next }}.',
        );
      }
      return (_read, evaluate) => !evaluate(source);
    }
  }
}

function evaluate(
  ctx: NodeRunContext<HttpRequestParams>,
  source: string,
  itemIndex: number,
  extra: Record<string, unknown>,
): unknown {
  return isExpressionString(source) ? ctx.evaluate(source, itemIndex, extra) : source;
}

interface PageState {
  variables: Record<string, unknown>;
  pageCount: number;
  /** URL that answered the previous page; relative next URLs resolve against it. */
  lastUrl: string;
}

function pageRequest(options: PaginateOptions, state: PageState, fail: Fail): RequestSpec {
  const { ctx, itemIndex, pagination, spec } = options;
  const { variables, pageCount } = state;
  const page: RequestSpec = {
    ...spec,
    qs: { ...spec.qs },
    headers: { ...spec.headers },
    body: cloneBody(spec.body),
  };
  if (pagination.paginationMode === 'responseContainsNextURL') {
    if (pageCount === 0) return page;
    const next = evaluate(ctx, pagination.nextURL, itemIndex, variables);
    const url = typeof next === 'string' && next.trim() !== '' ? parseUrl(next.trim(), state.lastUrl) : null;
    if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:')) {
      throw fail(
        `"Next URL" did not evaluate to a URL on page ${pageCount + 1} (got ${JSON.stringify(next) ?? 'undefined'})`,
        'nextURL',
        'Make sure the "Next URL" expression evaluates to a valid URL, or stop before the last page.',
      );
    }
    page.url = url.href;
    return page;
  }
  const parameters = pagination.parameters.parameters;
  if (parameters.length === 0 || parameters.every((p) => p.name === '' && p.value === '')) {
    throw fail(
      "At least one entry with 'Name' and 'Value' filled must be included in 'Parameters' to use 'Update a Parameter in Each Request' mode",
      'parameters',
    );
  }
  parameters.forEach((parameter, index) => {
    if (parameter.name === '')
      throw fail(
        `Parameter name must be set for parameter [${index + 1}] in pagination settings`,
        'parameters',
      );
    if (parameter.value === '') {
      throw fail(
        `Some value must be provided for parameter [${index + 1}] in pagination settings, omitting it will result in an infinite loop`,
        'parameters',
      );
    }
    const value = evaluate(ctx, parameter.value, itemIndex, variables);
    applyParameter(page, parameter.type, parameter.name, value);
  });
  return page;
}

function applyParameter(
  page: RequestSpec,
  type: 'qs' | 'headers' | 'body',
  name: string,
  value: unknown,
): void {
  if (type === 'qs') {
    page.qs[name] = value;
    return;
  }
  if (type === 'headers') {
    if (value !== undefined && value !== null) setHeader(page.headers, name, String(value));
    return;
  }
  const body = page.body;
  if (!body) {
    page.body = { type: 'json', value: { [name]: value } };
  } else if (body.type === 'json') {
    const base =
      body.value !== null && typeof body.value === 'object' && !Array.isArray(body.value) ? body.value : {};
    page.body = { type: 'json', value: { ...base, [name]: value } };
  } else if (body.type === 'form') {
    page.body = { type: 'form', fields: { ...body.fields, [name]: value } };
  } else if (body.type === 'multipart') {
    const text = typeof value === 'string' ? value : (JSON.stringify(value) ?? '');
    const parts: MultipartPart[] = body.parts.filter((part) => part.name !== name);
    page.body = { type: 'multipart', parts: [...parts, { name, value: text }] };
  }
}

function parseUrl(value: string, base: string): URL | null {
  try {
    return new URL(value, base);
  } catch {
    return null;
  }
}

function cloneBody(body: RequestSpec['body']): RequestSpec['body'] {
  return body === undefined ? undefined : { ...body };
}

function requestVariable(spec: RequestSpec): Record<string, unknown> {
  const body =
    spec.body?.type === 'json' ? spec.body.value : spec.body?.type === 'form' ? spec.body.fields : undefined;
  // `uri` is the name n8n's request options use.
  return { method: spec.method, url: spec.url, uri: spec.url, qs: spec.qs, headers: spec.headers, body };
}

function textOf(read: ReadResponse): string {
  if (read.kind === 'text') return read.body ?? '';
  return JSON.stringify(read.body);
}

function fingerprintOf(read: ReadResponse): string {
  const etag = read.headers.etag;
  if (typeof etag === 'string' && etag) return `etag:${etag}`;
  if (read.kind === 'file') return `file:${read.body.fileSize}:${read.statusCode}`;
  return createHash('sha1')
    .update(`${read.statusCode}:${JSON.stringify(read.body)}`)
    .digest('base64');
}

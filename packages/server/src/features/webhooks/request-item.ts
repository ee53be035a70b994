import type { BinaryRef, BinaryStore, Item, JsonObject } from '@guixu/core';
import { GuixuError } from '@guixu/core';
import { fileNameFromDisposition } from '@guixu/nodes';
import type { FastifyRequest } from 'fastify';
import { parseJsonText } from '../../http/json-body.ts';
import { assertStorableText } from '../../http/text-check.ts';
import type { WebhookEntry } from './webhook-entry.ts';

export interface RequestItemInput {
  request: FastifyRequest;
  entry: WebhookEntry;
  params: Record<string, string>;
  body: Buffer | undefined;
  binary: BinaryStore;
  executionId: string;
  webhookUrl: string;
  executionMode: 'production' | 'test';
}

const JSON_TYPE = /^application\/([\w.+-]*\+)?json$/;
const TEXT_TYPE = /^(text\/|application\/(xml|([\w.+-]*\+)xml|javascript|graphql)$)/;

function plainHeaders(request: FastifyRequest): JsonObject {
  const out: JsonObject = {};
  for (const [name, value] of Object.entries(request.headers)) {
    if (typeof value === 'string') out[name] = value;
    else if (Array.isArray(value)) out[name] = value;
  }
  return out;
}

function plainQuery(query: unknown): JsonObject {
  const out: JsonObject = {};
  if (typeof query !== 'object' || query === null) return out;
  for (const [key, value] of Object.entries(query)) {
    if (key === '__proto__') continue;
    if (typeof value === 'string') out[key] = value;
    else if (Array.isArray(value)) out[key] = value.filter((v): v is string => typeof v === 'string');
  }
  return out;
}

/** `a=1&a=2&b=3` → `{ a: ['1', '2'], b: '3' }`, like n8n's form parsing. */
function formObject(entries: Iterable<[string, string]>): JsonObject {
  const out: JsonObject = {};
  for (const [key, value] of entries) {
    if (key === '__proto__') continue;
    const name = key.endsWith('[]') ? key.slice(0, -2) : key;
    const existing = out[name];
    if (existing === undefined) out[name] = key.endsWith('[]') ? [value] : value;
    else if (Array.isArray(existing)) existing.push(value);
    else out[name] = [existing, value];
  }
  return out;
}

function mediaType(request: FastifyRequest): string {
  const header = request.headers['content-type'];
  return (typeof header === 'string' ? header.split(';')[0] : '').trim().toLowerCase();
}

/**
 * The item a webhook request starts the run with, like n8n's:
 * `{ headers, params, query, body, webhookUrl, executionMode }`. Uploaded files
 * (multipart parts, or a body of any other content type) are written to the
 * binary store and referenced from `binary`.
 */
export async function requestItem(input: RequestItemInput): Promise<Item> {
  const { request, entry, body, binary, executionId } = input;
  const json: JsonObject = {
    headers: plainHeaders(request),
    params: input.params,
    query: plainQuery(request.query),
    body: {},
    webhookUrl: input.webhookUrl,
    executionMode: input.executionMode,
  };
  const item: Item = { json };
  assertStorableText(json.params, 'path');
  assertStorableText(json.query, 'query');
  if (body === undefined || body.length === 0) return item;
  const type = mediaType(request);
  const files: Record<string, BinaryRef> = {};
  const store = (data: Uint8Array, mimeType: string, fileName?: string) =>
    binary.put(data, { mimeType, executionId, ...(fileName ? { fileName } : {}) });
  const binaryName = entry.options.binaryPropertyName;

  if (type === 'multipart/form-data') {
    const form = await readForm(request, body);
    const fields: [string, string][] = [];
    for (const [key, value] of form.entries()) if (typeof value === 'string') fields.push([key, value]);
    json.body = formObject(fields);
    // Before any file is stored, so a refused call leaves nothing behind.
    assertStorableText(json.body, 'body');
    let index = 0;
    for (const [key, value] of form.entries()) {
      if (typeof value === 'string') continue;
      const base = key.endsWith('[]') ? key.slice(0, -2) : key;
      let name = binaryName ? `${binaryName}${index}` : base;
      if (files[name]) name = `${base}${index}`;
      index++;
      const bytes = new Uint8Array(await value.arrayBuffer());
      files[name] = await store(bytes, value.type || 'application/octet-stream', value.name || undefined);
    }
  } else if (type === 'application/x-www-form-urlencoded') {
    json.body = formObject(new URLSearchParams(body.toString('utf8')).entries());
  } else if (JSON_TYPE.test(type) || (type === '' && looksLikeJson(body))) {
    json.body = parseJsonText(body.toString('utf8'));
  } else if (TEXT_TYPE.test(type) || type === '') {
    json.body = body.toString('utf8');
  } else {
    files[binaryName ?? 'data'] = await store(
      body,
      type,
      fileNameFromDisposition(request.headers['content-disposition']),
    );
  }
  // Checked before anything runs: PostgreSQL could not save the execution holding it.
  assertStorableText(json.body, 'body');
  if (entry.options.rawBody && !files.data) {
    files.data = await store(body, type || 'application/octet-stream');
  }
  if (Object.keys(files).length > 0) item.binary = files;
  return item;
}

function looksLikeJson(body: Buffer): boolean {
  const first = body.toString('utf8', 0, Math.min(body.length, 64)).trimStart()[0];
  return first === '{' || first === '[';
}

async function readForm(request: FastifyRequest, body: Buffer): Promise<FormData> {
  const contentType = request.headers['content-type'] ?? '';
  try {
    return await new Response(body, { headers: { 'content-type': contentType } }).formData();
  } catch (error) {
    throw new GuixuError(
      'MALFORMED_MULTIPART',
      `Request body is not valid multipart/form-data: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
}

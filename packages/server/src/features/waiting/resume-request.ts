import { GuixuError, type Item, type JsonObject, type JsonValue, type WorkflowNode } from '@guixu/core';
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { parseJsonText } from '../../http/json-body.ts';
import { assertStorableText } from '../../http/text-check.ts';
import type { TrackedBinaryStore } from '../../runner/tracked-binary-store.ts';

/** The Wait node's webhook settings the resume route acts on (static values; expressions are not resolved here). */
const waitWebhookSchema = z
  .object({
    httpMethod: z.string().default('GET'),
    responseMode: z.enum(['onReceived', 'lastNode', 'responseNode']).default('onReceived'),
    responseCode: z.coerce.number().int().min(100).max(599).default(200),
    incomingAuthentication: z.enum(['none', 'basicAuth', 'headerAuth', 'jwtAuth']).default('none'),
    options: z
      .object({ binaryPropertyName: z.string().optional(), rawBody: z.boolean().optional() })
      .loose()
      .default({}),
  })
  .loose();
export type WaitWebhookSettings = z.infer<typeof waitWebhookSchema>;

export function waitWebhookSettings(node: WorkflowNode): WaitWebhookSettings {
  const parsed = waitWebhookSchema.safeParse(node.parameters);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new GuixuError(
      'WAIT_SETTINGS_INVALID',
      `Node "${node.name}" has an invalid ${issue.path.join('.')}: ${issue.message}`,
      { node: node.name, parameter: issue.path.join('.') },
    );
  }
  return parsed.data;
}

const JSON_TYPE = /^application\/([\w.+-]*\+)?json$/;
const TEXT_TYPE = /^(text\/|application\/(xml|([\w.+-]*\+)xml|javascript|graphql)$)/;

function plain(record: unknown): JsonObject {
  const out: JsonObject = {};
  if (typeof record !== 'object' || record === null) return out;
  for (const [key, value] of Object.entries(record)) {
    if (key === '__proto__') continue;
    if (typeof value === 'string') out[key] = value;
    else if (Array.isArray(value)) out[key] = value.filter((v): v is string => typeof v === 'string');
  }
  return out;
}

/**
 * The item a resume call hands the Wait node, like n8n's webhook item:
 * `{ headers, params, query, body }`; a body that is neither JSON, form nor
 * text is stored as binary data of the execution.
 */
export async function resumeItem(input: {
  request: FastifyRequest;
  /** A Buffer (any content type), or what the app's JSON parser already made of a JSON body. */
  body: unknown;
  executionId: string;
  settings: WaitWebhookSettings;
  binary: TrackedBinaryStore;
  suffix: string;
}): Promise<Item> {
  const { request, body } = input;
  const json: JsonObject = {
    headers: plain(request.headers),
    params: input.suffix ? { suffix: input.suffix } : {},
    query: plain(request.query),
    body: {},
  };
  const item: Item = { json };
  assertStorableText(json.params, 'path');
  assertStorableText(json.query, 'query');
  if (body === undefined || body === null) return item;
  if (!Buffer.isBuffer(body)) {
    if (isJsonValue(body)) json.body = body;
    assertStorableText(json.body, 'body');
    return item;
  }
  if (body.length === 0) return item;
  const header = request.headers['content-type'];
  const type = (typeof header === 'string' ? header.split(';')[0] : '').trim().toLowerCase();
  if (type === 'application/x-www-form-urlencoded') {
    json.body = plain(Object.fromEntries(new URLSearchParams(body.toString('utf8'))));
  } else if (JSON_TYPE.test(type)) {
    json.body = parseJsonText(body.toString('utf8'));
  } else if (TEXT_TYPE.test(type) || type === '') {
    json.body = body.toString('utf8');
  } else {
    const name = input.settings.options.binaryPropertyName || 'data';
    item.binary = {
      [name]: await input.binary.put(body, { mimeType: type, executionId: input.executionId }),
    };
  }
  // Checked before the execution resumes: PostgreSQL could not save it holding such text.
  assertStorableText(json.body, 'body');
  return item;
}

function isJsonValue(value: unknown): value is JsonValue {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return true;
  if (typeof value === 'number') return Number.isFinite(value);
  if (Array.isArray(value)) return value.every(isJsonValue);
  if (typeof value === 'object') return Object.values(value).every(isJsonValue);
  return false;
}

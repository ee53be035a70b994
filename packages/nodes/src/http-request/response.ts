import {
  type BinaryRef,
  type BinaryStore,
  type Item,
  type JsonObject,
  type JsonValue,
  NodeOperationError,
} from '@guixu/core';
import { fileNameFor } from './file-name.ts';
import { readBody, type TransportResponse } from './transport.ts';

export type ResponseFormat = 'autodetect' | 'json' | 'text' | 'file';

export interface ResponseSettings {
  format: ResponseFormat;
  fullResponse: boolean;
  neverError: boolean;
  outputPropertyName: string;
  /** Text only: a body that is valid JSON goes into the field parsed (n8n's HTTP Request v1–v2 "String"). */
  parseJsonText?: boolean;
}

/** A response read according to its format: parsed JSON, text, or a stored file. */
export type ReadResponse = {
  statusCode: number;
  statusMessage: string;
  headers: Record<string, string | string[]>;
  url: string;
} & (
  | { kind: 'json'; body: JsonValue }
  | { kind: 'text'; body: string | undefined }
  | { kind: 'file'; body: BinaryRef }
);

/** Content types autodetect treats as files (as n8n does). */
const BINARY_TYPES = [
  'image/',
  'audio/',
  'video/',
  'application/octet-stream',
  'application/gzip',
  'application/zip',
  'application/vnd.rar',
  'application/epub+zip',
  'application/x-bzip',
  'application/x-bzip2',
  'application/x-cdf',
  'application/vnd.amazon.ebook',
  'application/msword',
  'application/vnd.openxmlformats-officedocument',
  'application/vnd.ms-fontobject',
  'application/vnd.oasis.opendocument',
  'application/pdf',
  'application/x-tar',
  'application/vnd.visio',
  'application/vnd.ms-excel',
  'application/x-7z-compressed',
];

export function contentTypeOf(headers: Record<string, string | string[]>): string {
  const value = headers['content-type'];
  return (Array.isArray(value) ? value[0] : value) ?? '';
}

function detect(contentType: string): Exclude<ResponseFormat, 'autodetect'> {
  const lower = contentType.toLowerCase();
  if (lower.includes('application/json') || /\+json\b/.test(lower)) return 'json';
  if (BINARY_TYPES.some((t) => lower.includes(t))) return 'file';
  return 'text';
}

export function decodeText(bytes: Buffer, contentType: string): string {
  const charset = /charset=["']?([^;,\s"']+)/i.exec(contentType)?.[1];
  if (charset) {
    try {
      return new TextDecoder(charset).decode(bytes);
    } catch {
      // unknown charset label: fall back to UTF-8
    }
  }
  return bytes.toString('utf8');
}

export interface ReadOptions {
  settings: ResponseSettings;
  binary: BinaryStore;
  executionId: string;
  nodeName: string;
  itemIndex: number;
  /** Request URL, used to name downloaded files. */
  requestUrl: string;
}

export async function readResponse(response: TransportResponse, options: ReadOptions): Promise<ReadResponse> {
  const { settings } = options;
  const contentType = contentTypeOf(response.headers);
  const autodetect = settings.format === 'autodetect';
  const format = autodetect ? detect(contentType) : settings.format;
  const base = {
    statusCode: response.statusCode,
    statusMessage: response.statusMessage,
    headers: response.headers,
    url: response.url,
  };
  if (format === 'file') {
    const mimeType = contentType.split(';')[0]?.trim() || 'application/octet-stream';
    const fileName = fileNameFor(response.headers, options.requestUrl, mimeType, settings.outputPropertyName);
    const ref = await options.binary.put(response.body, {
      mimeType,
      fileName,
      executionId: options.executionId,
    });
    return { ...base, kind: 'file', body: ref };
  }
  const text = decodeText(await readBody(response.body), contentType);
  if (format === 'text') return { ...base, kind: 'text', body: autodetect && text === '' ? undefined : text };
  if (text.trim() === '') return { ...base, kind: 'json', body: {} };
  try {
    const parsed: JsonValue = JSON.parse(text);
    return { ...base, kind: 'json', body: parsed };
  } catch {
    if (settings.neverError && autodetect) return { ...base, kind: 'json', body: {} };
    throw new NodeOperationError(
      options.nodeName,
      autodetect
        ? 'Invalid JSON in response body'
        : 'Response body is not valid JSON. Change "Response Format" to "Text"',
      { details: { code: 'HTTP_RESPONSE_INVALID_JSON', itemIndex: options.itemIndex } },
    );
  }
}

function headersJson(headers: Record<string, string | string[]>): JsonObject {
  return { ...headers };
}

/** Output items for one response, shaped like n8n's. */
export function responseItems(
  read: ReadResponse,
  settings: ResponseSettings,
  input: Item,
  itemIndex: number,
): Item[] {
  const pairedItem = { item: itemIndex };
  const meta: JsonObject = {
    headers: headersJson(read.headers),
    statusCode: read.statusCode,
    statusMessage: read.statusMessage,
  };
  const property = settings.outputPropertyName || 'data';
  if (read.kind === 'file') {
    return [
      {
        json: settings.fullResponse ? meta : input.json,
        binary: { ...input.binary, [property]: read.body },
        pairedItem,
      },
    ];
  }
  if (read.kind === 'text') {
    const value = settings.parseJsonText && read.body !== undefined ? jsonOrText(read.body) : read.body;
    const json: JsonObject = value === undefined ? {} : { [property]: value };
    return [{ json: settings.fullResponse ? { ...json, ...meta } : json, pairedItem }];
  }
  if (settings.fullResponse) return [{ json: { body: read.body, ...meta }, pairedItem }];
  const values = Array.isArray(read.body) ? read.body : [read.body];
  return values.map((value) => ({ json: asObject(value), pairedItem }));
}

function jsonOrText(text: string): JsonValue {
  if (text.trim() === '') return text;
  try {
    return JSON.parse(text) as JsonValue;
  } catch {
    return text;
  }
}

function asObject(value: JsonValue): JsonObject {
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) return value;
  return value === null ? {} : { data: value };
}

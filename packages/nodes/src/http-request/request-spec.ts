import { type BinaryRef, type Item, NodeOperationError, type ParamsOf } from '@guixu/core';
import { setField } from '../shared/field-paths.ts';
import type { httpRequestParams } from './params.ts';
import { type ArrayFormat, addRepeated, isPlainObject } from './query-string.ts';

/** What to send, before credentials, pagination and encoding are applied. */
export type HttpRequestParams = ParamsOf<typeof httpRequestParams>;

export type MultipartPart = { name: string; value: string } | { name: string; file: BinaryRef };

export type BodySpec =
  | { type: 'json'; value: unknown }
  | { type: 'form'; fields: Record<string, unknown> }
  | { type: 'multipart'; parts: MultipartPart[] }
  | { type: 'raw'; contentType: string; text: string }
  | { type: 'binary'; file: BinaryRef };

export interface RequestSpec {
  method: string;
  url: string;
  qs: Record<string, unknown>;
  headers: Record<string, string>;
  body?: BodySpec;
  arrayFormat: ArrayFormat;
}

export function buildRequestSpec(
  params: HttpRequestParams,
  item: Item,
  nodeName: string,
  itemIndex: number,
): RequestSpec {
  const fail = (message: string, parameter: string, description?: string) =>
    new NodeOperationError(nodeName, message, {
      parameter,
      description,
      details: { code: 'HTTP_PARAMETER_INVALID', itemIndex },
    });
  const url = params.url.trim();
  if (!url) throw fail('URL parameter cannot be empty', 'url');
  if (!/^https?:\/\//i.test(url)) {
    throw fail(`Invalid URL: ${url}. URL must start with "http" or "https".`, 'url');
  }
  const spec: RequestSpec = {
    method: params.method,
    url,
    qs: {},
    headers: {},
    arrayFormat: params.options.queryParameterArrays ?? 'brackets',
  };
  if (params.sendQuery) {
    if (params.specifyQuery === 'json') {
      spec.qs = jsonObject(params.jsonQuery, () =>
        fail('The value in the "JSON Query Parameters" field must be a JSON object', 'jsonQuery'),
      );
    } else {
      for (const { name, value } of params.queryParameters.parameters)
        if (name) addRepeated(spec.qs, name, value);
    }
  }
  if (params.sendHeaders) {
    const lowercase = params.options.lowercaseHeaders ?? true;
    const entries =
      params.specifyHeaders === 'json'
        ? Object.entries(
            jsonObject(params.jsonHeaders, () =>
              fail('The value in the "JSON Headers" field must be a JSON object', 'jsonHeaders'),
            ),
          )
        : params.headerParameters.parameters.map(({ name, value }): [string, unknown] => [name, value]);
    for (const [name, value] of entries) {
      if (!name || value === undefined || value === null) continue;
      setHeader(spec.headers, lowercase ? name.toLowerCase() : name, String(value));
    }
  }
  if (params.sendBody) spec.body = buildBody(params, item, fail);
  return spec;
}

function buildBody(
  params: HttpRequestParams,
  item: Item,
  fail: (message: string, parameter: string, description?: string) => NodeOperationError,
): BodySpec {
  const fields = params.bodyParameters.parameters;
  switch (params.contentType) {
    case 'json': {
      if (params.specifyBody === 'json') {
        return { type: 'json', value: params.jsonBody === undefined ? {} : params.jsonBody };
      }
      const value: Record<string, unknown> = {};
      for (const field of fields) if (field.name) setField(value, field.name, field.value);
      return { type: 'json', value };
    }
    case 'form-urlencoded': {
      if (params.specifyBody === 'string') {
        return { type: 'form', fields: Object.fromEntries(new URLSearchParams(params.body)) };
      }
      const form: Record<string, unknown> = {};
      for (const field of fields) if (field.name) addRepeated(form, field.name, field.value);
      return { type: 'form', fields: form };
    }
    case 'multipart-form-data': {
      const parts: MultipartPart[] = [];
      for (const field of fields) {
        if (field.parameterType === 'formBinaryData') {
          if (!field.inputDataFieldName) continue;
          parts.push({ name: field.name, file: binaryOf(item, field.inputDataFieldName, fail) });
        } else if (field.name) {
          parts.push({ name: field.name, value: textOf(field.value) });
        }
      }
      return { type: 'multipart', parts };
    }
    case 'binaryData':
      return { type: 'binary', file: binaryOf(item, params.inputDataFieldName, fail) };
    case 'raw':
      return { type: 'raw', contentType: params.rawContentType, text: params.body };
  }
}

function binaryOf(
  item: Item,
  field: string,
  fail: (message: string, parameter: string, description?: string) => NodeOperationError,
): BinaryRef {
  const ref = item.binary?.[field];
  if (ref) return ref;
  const available = Object.keys(item.binary ?? {});
  throw fail(
    `This request expects the input item to have a binary file in "${field}", but none was found`,
    'inputDataFieldName',
    available.length > 0
      ? `The item has binary files in: ${available.join(', ')}`
      : 'The item has no binary data at all.',
  );
}

function textOf(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value === undefined || value === null) return '';
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}

function jsonObject(value: unknown, invalid: () => Error): Record<string, unknown> {
  if (value === undefined) return {};
  if (!isPlainObject(value)) throw invalid();
  return { ...value };
}

/** Sets a header, replacing one with the same name in any letter case. */
export function setHeader(headers: Record<string, string>, name: string, value: string): void {
  const lower = name.toLowerCase();
  for (const key of Object.keys(headers)) if (key.toLowerCase() === lower) delete headers[key];
  headers[name] = value;
}

export function getHeader(headers: Record<string, string>, name: string): string | undefined {
  const lower = name.toLowerCase();
  for (const [key, value] of Object.entries(headers)) if (key.toLowerCase() === lower) return value;
  return undefined;
}

import { entries, type MappingContext, record, sameShape, type Translation } from '../mapping.ts';

/**
 * HTTP Request v1–v2 (`requestMethod`, `*ParametersUi`, `jsonParameters`,
 * `responseFormat`, flat options) become v4.2's shape. v3 and v4.x already use it.
 */
const AUTH: Record<string, string> = {
  basicAuth: 'httpBasicAuth',
  digestAuth: 'httpDigestAuth',
  headerAuth: 'httpHeaderAuth',
  queryAuth: 'httpQueryAuth',
  oAuth1: 'oAuth1Api',
  oAuth2: 'oAuth2Api',
};

function pairs(ui: unknown): { name: unknown; value: unknown }[] {
  return entries(ui, 'parameter').map((entry) => ({ name: entry.name ?? '', value: entry.value ?? '' }));
}

function part(
  p: Record<string, unknown>,
  key: 'query' | 'header' | 'body',
): { send: boolean; specify?: string; parameters?: unknown[]; json?: unknown } {
  if (p.jsonParameters === true) {
    const json = p[`${key}ParametersJson`];
    return typeof json === 'string' && json.trim() !== ''
      ? { send: true, specify: 'json', json }
      : { send: false };
  }
  const list = pairs(p[`${key}ParametersUi`]);
  return list.length > 0 ? { send: true, specify: 'keypair', parameters: list } : { send: false };
}

function fromLegacy(p: Record<string, unknown>, ctx: MappingContext): Translation {
  const options = record(p.options);
  const out: Record<string, unknown> = { method: p.requestMethod ?? 'GET', url: p.url ?? '' };
  const auth = typeof p.authentication === 'string' ? p.authentication : 'none';
  if (auth === 'predefinedCredentialType') {
    out.authentication = 'predefinedCredentialType';
    out.nodeCredentialType = p.nodeCredentialType;
  } else if (AUTH[auth]) {
    out.authentication = 'genericCredentialType';
    out.genericAuthType = AUTH[auth];
  } else out.authentication = 'none';

  const query = part(p, 'query');
  if (query.send) {
    out.sendQuery = true;
    out.specifyQuery = query.specify;
    if (query.specify === 'json') out.jsonQuery = query.json;
    else out.queryParameters = { parameters: query.parameters };
  }
  const headers = part(p, 'header');
  if (headers.send) {
    out.sendHeaders = true;
    out.specifyHeaders = headers.specify;
    if (headers.specify === 'json') out.jsonHeaders = headers.json;
    else out.headerParameters = { parameters: headers.parameters };
  }

  const bodyType = options.bodyContentType;
  if (p.sendBinaryData === true) {
    out.sendBody = true;
    out.contentType = 'binaryData';
    out.inputDataFieldName = p.binaryPropertyName ?? 'data';
    if (bodyType === 'multipart-form-data') {
      ctx.warn(
        'Binary multipart uploads ("field:property" pairs) were sent as a raw binary body; check the request.',
      );
    }
  } else {
    const body = part(p, 'body');
    if (body.send) {
      out.sendBody = true;
      if (bodyType === 'raw') {
        out.contentType = 'raw';
        out.rawContentType = options.bodyContentCustomMimeType ?? 'text/plain';
        out.body = body.specify === 'json' ? body.json : '';
      } else {
        out.contentType =
          bodyType === 'form-urlencoded' || bodyType === 'multipart-form-data' ? bodyType : 'json';
        out.specifyBody = body.specify;
        if (body.specify === 'json') out.jsonBody = body.json;
        else out.bodyParameters = { parameters: body.parameters };
      }
    }
  }

  const newOptions: Record<string, unknown> = {};
  const responseFormat = p.responseFormat ?? 'json';
  const response: Record<string, unknown> = {};
  if (responseFormat === 'file') {
    response.responseFormat = 'file';
    response.outputPropertyName = p.dataPropertyName ?? 'data';
  } else if (responseFormat === 'string') {
    // n8n 2.8.4 parses a "String" body that is JSON, whatever its content type (recorded:
    // test/n8n-parity/workflows/http-errors.json).
    response.responseFormat = 'text';
    response.outputPropertyName = p.dataPropertyName ?? 'data';
    response.parseJsonText = true;
  } else {
    // "JSON" parses the body whatever its content type (recorded as above).
    response.responseFormat = 'json';
  }
  if (options.fullResponse === true) response.fullResponse = true;
  if (options.ignoreResponseCode === true) response.neverError = true;
  if (Object.keys(response).length > 0) newOptions.response = { response };
  if (options.followRedirect === false) newOptions.redirect = { redirect: { followRedirects: false } };
  if (options.timeout !== undefined) newOptions.timeout = options.timeout;
  if (options.proxy !== undefined) newOptions.proxy = options.proxy;
  if (options.allowUnauthorizedCerts !== undefined)
    newOptions.allowUnauthorizedCerts = options.allowUnauthorizedCerts;
  if (options.useQueryString === true) newOptions.queryParameterArrays = 'repeat';
  if (options.batchSize !== undefined || options.batchInterval !== undefined) {
    newOptions.batching = {
      batch: { batchSize: options.batchSize ?? 50, batchInterval: options.batchInterval ?? 1000 },
    };
  }
  if (options.splitIntoItems === true) {
    ctx.warn('"Split Into Items" is always on now: an array response becomes one item per element.');
  }
  out.options = newOptions;
  return { parameters: out };
}

/** Editor-only notices and the cURL import button that n8n saves with the node; they configure nothing. */
const NOTICES = new Set(['', 'curlImport', 'httpVariantWarning', 'infoMessage']);

function withoutNotices(parameters: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(parameters).filter(([key]) => !NOTICES.has(key)));
}

export default sameShape('httpRequest', 'guixu.httpRequest', 4.2, (node, ctx) =>
  node.typeVersion < 3 ? fromLegacy(node.parameters, ctx) : { parameters: withoutNotices(node.parameters) },
);

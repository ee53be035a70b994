import { type DifyContext, type DifyMapping, isRecord, records, text } from '../dify-mapping.ts';

/**
 * Dify's HTTP node → HTTP Request with the full response as text in `body`, so `body`,
 * `status_code` and `headers` read like Dify's. Secrets (API keys) are not
 * imported: the node gets an empty credential slot to fill.
 */
function keyValues(value: unknown, ctx: DifyContext): { name: string; value: string }[] {
  if (Array.isArray(value)) {
    return records(value)
      .filter((entry) => text(entry.key) !== '')
      .map((entry) => ({ name: text(entry.key), value: ctx.template(text(entry.value)) }));
  }
  return text(value)
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line.includes(':'))
    .map((line) => {
      const at = line.indexOf(':');
      return { name: line.slice(0, at).trim(), value: ctx.template(line.slice(at + 1).trim()) };
    });
}

function bodyText(data: unknown, ctx: DifyContext): string {
  if (Array.isArray(data))
    return ctx.template(
      records(data)
        .map((d) => text(d.value))
        .join(''),
    );
  return ctx.template(text(data));
}

const AUTH: Record<string, string> = {
  basic: 'httpBasicAuth',
  bearer: 'httpBearerAuth',
  custom: 'httpHeaderAuth',
};

const mapping: DifyMapping = {
  difyTypes: ['http-request'],
  outputField: (variable) => (variable === 'status_code' ? 'statusCode' : variable),
  translate: (node, ctx) => {
    const d = node.data;
    const parameters: Record<string, unknown> = {
      method: text(d.method, 'get').toUpperCase(),
      url: ctx.template(text(d.url)),
      authentication: 'none',
      options: {
        response: { response: { fullResponse: true, responseFormat: 'text', outputPropertyName: 'body' } },
      },
    };
    const credentials: Record<string, string> = {};
    const auth = isRecord(d.authorization) ? d.authorization : {};
    if (auth.type === 'api-key') {
      const config = isRecord(auth.config) ? auth.config : {};
      const kind = AUTH[text(config.type, 'bearer')] ?? 'httpBearerAuth';
      parameters.authentication = 'genericCredentialType';
      parameters.genericAuthType = kind;
      credentials[kind] =
        `${node.title} (${kind === 'httpHeaderAuth' ? `header ${text(config.header, 'Authorization')}` : 'API key'})`;
      ctx.warn('The API key was not imported; create a credential and select it in the node.');
    }
    const query = keyValues(d.params, ctx);
    if (query.length > 0)
      Object.assign(parameters, {
        sendQuery: true,
        specifyQuery: 'keypair',
        queryParameters: { parameters: query },
      });
    const headers = keyValues(d.headers, ctx).filter((h) => h.name.toLowerCase() !== 'content-type');
    if (headers.length > 0)
      Object.assign(parameters, {
        sendHeaders: true,
        specifyHeaders: 'keypair',
        headerParameters: { parameters: headers },
      });
    const body = isRecord(d.body) ? d.body : {};
    const bodyType = text(body.type, 'none');
    if (bodyType === 'json') {
      Object.assign(parameters, {
        sendBody: true,
        contentType: 'json',
        specifyBody: 'json',
        jsonBody: bodyText(body.data, ctx),
      });
    } else if (bodyType === 'form-data' || bodyType === 'x-www-form-urlencoded') {
      const fields = keyValues(body.data, ctx);
      Object.assign(parameters, {
        sendBody: true,
        contentType: bodyType === 'form-data' ? 'multipart-form-data' : 'form-urlencoded',
        specifyBody: 'keypair',
        bodyParameters: { parameters: fields },
      });
    } else if (bodyType === 'raw-text') {
      Object.assign(parameters, {
        sendBody: true,
        contentType: 'raw',
        rawContentType: 'text/plain',
        body: bodyText(body.data, ctx),
      });
    } else if (bodyType !== 'none') {
      return { unsupported: `an HTTP body of type "${bodyType}" has no equivalent yet` };
    }
    return { type: 'guixu.httpRequest', parameters, credentials };
  },
};
export default mapping;

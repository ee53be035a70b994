import { type Choice, type DisplayOptions, p } from '@guixu/core';
import { z } from 'zod';

/**
 * Parameters of guixu.httpRequest, named and nested like n8n's HTTP Request
 * node (v4.x) so imported workflows map 1:1. n8n declares `bodyParameters`,
 * `specifyBody` and `body` several times with different display rules; here
 * each is declared once with the union of its shapes.
 */

export const GENERIC_AUTH_TYPES = [
  'httpBasicAuth',
  'httpHeaderAuth',
  'httpQueryAuth',
  'httpBearerAuth',
  'httpDigestAuth',
  'httpCustomAuth',
  'oAuth1Api',
  'oAuth2Api',
] as const;

const authChoices: Choice<(typeof GENERIC_AUTH_TYPES)[number]>[] = [
  { value: 'httpBasicAuth', label: 'Basic Auth' },
  { value: 'httpHeaderAuth', label: 'Header Auth' },
  { value: 'httpQueryAuth', label: 'Query Auth' },
  { value: 'httpBearerAuth', label: 'Bearer Auth' },
  { value: 'httpDigestAuth', label: 'Digest Auth' },
  { value: 'httpCustomAuth', label: 'Custom Auth' },
  { value: 'oAuth1Api', label: 'OAuth1 API' },
  { value: 'oAuth2Api', label: 'OAuth2 API' },
];

const nameValueList = (label: string, addLabel: string, displayOptions: DisplayOptions) =>
  p.object({
    label,
    displayOptions,
    fields: {
      parameters: p.list({
        label,
        addLabel,
        fields: {
          name: p.string({ label: 'Name' }),
          value: p.string({ label: 'Value' }),
        },
      }),
    },
  });

const pagination = p.object({
  label: 'Pagination',
  fields: {
    paginationMode: p.options({
      label: 'Pagination Mode',
      options: [
        { value: 'off', label: 'Off' },
        { value: 'updateAParameterInEachRequest', label: 'Update a Parameter in Each Request' },
        { value: 'responseContainsNextURL', label: 'Response Contains Next URL' },
      ],
      default: 'updateAParameterInEachRequest',
    }),
    nextURL: p.string({
      label: 'Next URL',
      description: 'Expression for the URL of the next page, e.g. {{ $response.body.next }}.',
      noExpression: true,
      displayOptions: { show: { paginationMode: ['responseContainsNextURL'] } },
    }),
    parameters: p.object({
      label: 'Parameters',
      displayOptions: { show: { paginationMode: ['updateAParameterInEachRequest'] } },
      fields: {
        parameters: p.list({
          label: 'Parameter',
          addLabel: 'Add Parameter',
          fields: {
            type: p.options({
              label: 'Type',
              options: [
                { value: 'body', label: 'Body' },
                { value: 'headers', label: 'Header' },
                { value: 'qs', label: 'Query' },
              ],
              default: 'qs',
            }),
            name: p.string({ label: 'Name', placeholder: 'e.g. page', noExpression: true }),
            value: p.string({
              label: 'Value',
              hint: 'Use $response, $pageCount and $request to compute the next value',
              noExpression: true,
            }),
          },
        }),
      },
    }),
    paginationCompleteWhen: p.options({
      label: 'Pagination Complete When',
      options: [
        { value: 'responseIsEmpty', label: 'Response Is Empty' },
        { value: 'receiveSpecificStatusCodes', label: 'Receive Specific Status Code(s)' },
        { value: 'other', label: 'Other' },
      ],
      default: 'responseIsEmpty',
    }),
    statusCodesWhenComplete: p.string({
      label: 'Status Code(s) when Complete',
      description: 'Comma-separated, e.g. 404,410',
      displayOptions: { show: { paginationCompleteWhen: ['receiveSpecificStatusCodes'] } },
    }),
    completeExpression: p.string({
      label: 'Complete Expression',
      description: 'Evaluates to true when pagination is complete, e.g. {{ !$response.body.next }}.',
      noExpression: true,
      displayOptions: { show: { paginationCompleteWhen: ['other'] } },
    }),
    limitPagesFetched: p.boolean({ label: 'Limit Pages Fetched', default: false }),
    maxRequests: p.number({
      label: 'Max Pages',
      default: 100,
      min: 1,
      integer: true,
      displayOptions: { show: { limitPagesFetched: [true] } },
    }),
    requestInterval: p.number({ label: 'Interval Between Requests (ms)', default: 0, min: 0 }),
  },
});

const options = p.collection({
  label: 'Options',
  placeholder: 'Add option',
  fields: {
    batching: p.object({
      label: 'Batching',
      fields: {
        batch: p.object({
          label: 'Batching',
          fields: {
            batchSize: p.number({
              label: 'Items per Batch',
              default: 50,
              min: -1,
              integer: true,
              description: 'Input is split in batches to throttle requests. -1 for disabled, 0 counts as 1.',
            }),
            batchInterval: p.number({
              label: 'Batch Interval (ms)',
              default: 1000,
              min: 0,
              description: 'Time between batches of requests. 0 for disabled.',
            }),
          },
        }),
      },
    }),
    allowUnauthorizedCerts: p.boolean({
      label: 'Ignore SSL Issues (Insecure)',
      description: 'Accept invalid or self-signed TLS certificates.',
    }),
    requestUncompressedResponse: p.boolean({
      label: 'Request Uncompressed Response',
      description: 'Send "Accept-Encoding: identity" instead of asking for gzip/deflate/br.',
    }),
    queryParameterArrays: p.options({
      label: 'Array Format in Query Parameters',
      options: [
        { value: 'repeat', label: 'No Brackets', description: 'e.g. foo=bar&foo=qux' },
        { value: 'brackets', label: 'Brackets Only', description: 'e.g. foo[]=bar&foo[]=qux' },
        { value: 'indices', label: 'Brackets with Indices', description: 'e.g. foo[0]=bar&foo[1]=qux' },
      ],
      default: 'brackets',
    }),
    lowercaseHeaders: p.boolean({ label: 'Lowercase Headers', default: true }),
    redirect: p.object({
      label: 'Redirects',
      fields: {
        redirect: p.object({
          label: 'Redirect',
          fields: {
            followRedirects: p.boolean({ label: 'Follow Redirects', default: true }),
            maxRedirects: p.number({
              label: 'Max Redirects',
              default: 21,
              min: 0,
              integer: true,
              displayOptions: { show: { followRedirects: [true] } },
            }),
          },
        }),
      },
    }),
    response: p.object({
      label: 'Response',
      fields: {
        response: p.object({
          label: 'Response',
          fields: {
            fullResponse: p.boolean({
              label: 'Include Response Headers and Status',
              description: 'Return { body, headers, statusCode, statusMessage } instead of only the body.',
            }),
            neverError: p.boolean({
              label: 'Never Error',
              description: 'Succeed also when the status is not 2xx.',
            }),
            responseFormat: p.options({
              label: 'Response Format',
              options: [
                { value: 'autodetect', label: 'Autodetect' },
                { value: 'file', label: 'File' },
                { value: 'json', label: 'JSON' },
                { value: 'text', label: 'Text' },
              ],
              default: 'autodetect',
            }),
            outputPropertyName: p.string({
              label: 'Put Output in Field',
              default: 'data',
              description: 'Field (text) or binary property (file) that receives the response.',
              displayOptions: { show: { responseFormat: ['file', 'text'] } },
            }),
            parseJsonText: p.boolean({
              label: 'Parse JSON Text',
              description:
                'Put a body that is valid JSON into the field parsed, as the "String" format of n8n\'s HTTP Request v1–v2 did.',
              displayOptions: { show: { responseFormat: ['text'] } },
            }),
          },
        }),
      },
    }),
    pagination: p.object({ label: 'Pagination', fields: { pagination } }),
    proxy: p.string({ label: 'Proxy', placeholder: 'e.g. http://myproxy:3128' }),
    timeout: p.number({
      label: 'Timeout',
      default: 10000,
      min: 1,
      description: 'Milliseconds to wait for the response headers, and for each pause in the body.',
    }),
    sendCredentialsOnCrossOriginRedirect: p.boolean({
      label: 'Send Credentials on Cross-Origin Redirect',
      description: 'Keep the Authorization and Cookie headers when a redirect leads to another origin.',
    }),
  },
});

export const httpRequestParams = {
  method: p.options({
    label: 'Method',
    options: ['DELETE', 'GET', 'HEAD', 'OPTIONS', 'PATCH', 'POST', 'PUT'].map((m) => ({
      value: m,
      label: m,
    })),
    default: 'GET',
  }),
  url: p.string({ label: 'URL', required: true, placeholder: 'http://example.com/index.html' }),
  authentication: p.options({
    label: 'Authentication',
    options: [
      { value: 'none', label: 'None' },
      {
        value: 'predefinedCredentialType',
        label: 'Predefined Credential Type',
        description: 'A service credential (Cloudflare, Slack, Notion, Google OAuth2, …).',
      },
      { value: 'genericCredentialType', label: 'Generic Credential Type' },
    ],
    default: 'none',
  }),
  nodeCredentialType: p.string({
    label: 'Credential Type',
    displayOptions: { show: { authentication: ['predefinedCredentialType'] } },
  }),
  genericAuthType: p.options({
    label: 'Generic Auth Type',
    options: authChoices,
    default: 'httpHeaderAuth',
    displayOptions: { show: { authentication: ['genericCredentialType'] } },
  }),
  provideSslCertificates: p.boolean({
    label: 'SSL Certificates',
    description: 'Use a CA and/or client certificate from an "SSL Certificates" credential.',
  }),
  sendQuery: p.boolean({ label: 'Send Query Parameters' }),
  specifyQuery: p.options({
    label: 'Specify Query Parameters',
    options: [
      { value: 'keypair', label: 'Using Fields Below' },
      { value: 'json', label: 'Using JSON' },
    ],
    default: 'keypair',
    displayOptions: { show: { sendQuery: [true] } },
  }),
  queryParameters: nameValueList('Query Parameters', 'Add Query Parameter', {
    show: { sendQuery: [true], specifyQuery: ['keypair'] },
  }),
  jsonQuery: p.json({
    label: 'JSON',
    displayOptions: { show: { sendQuery: [true], specifyQuery: ['json'] } },
  }),
  sendHeaders: p.boolean({ label: 'Send Headers' }),
  specifyHeaders: p.options({
    label: 'Specify Headers',
    options: [
      { value: 'keypair', label: 'Using Fields Below' },
      { value: 'json', label: 'Using JSON' },
    ],
    default: 'keypair',
    displayOptions: { show: { sendHeaders: [true] } },
  }),
  headerParameters: nameValueList('Headers', 'Add Header', {
    show: { sendHeaders: [true], specifyHeaders: ['keypair'] },
  }),
  jsonHeaders: p.json({
    label: 'JSON',
    displayOptions: { show: { sendHeaders: [true], specifyHeaders: ['json'] } },
  }),
  sendBody: p.boolean({ label: 'Send Body' }),
  contentType: p.options({
    label: 'Body Content Type',
    options: [
      { value: 'form-urlencoded', label: 'Form Urlencoded' },
      { value: 'multipart-form-data', label: 'Form-Data' },
      { value: 'json', label: 'JSON' },
      { value: 'binaryData', label: 'Binary File' },
      { value: 'raw', label: 'Raw' },
    ],
    default: 'json',
    displayOptions: { show: { sendBody: [true] } },
  }),
  specifyBody: p.options({
    label: 'Specify Body',
    options: [
      { value: 'keypair', label: 'Using Fields Below' },
      { value: 'json', label: 'Using JSON', description: 'JSON bodies only' },
      { value: 'string', label: 'Using Single Field', description: 'Form-urlencoded bodies only' },
    ],
    default: 'keypair',
    displayOptions: { show: { sendBody: [true], contentType: ['json', 'form-urlencoded'] } },
  }),
  bodyParameters: p.object({
    label: 'Body Parameters',
    displayOptions: {
      show: { sendBody: [true], contentType: ['json', 'form-urlencoded', 'multipart-form-data'] },
    },
    fields: {
      parameters: p.list({
        label: 'Body Field',
        addLabel: 'Add Body Field',
        fields: {
          parameterType: p.options({
            label: 'Type',
            options: [
              { value: 'formBinaryData', label: 'Binary File' },
              { value: 'formData', label: 'Form Data' },
            ],
            default: 'formData',
            displayOptions: { show: { '/contentType': ['multipart-form-data'] } },
          }),
          name: p.string({ label: 'Name' }),
          value: p.custom<unknown>({
            label: 'Value',
            kind: 'string',
            widget: 'text',
            default: '',
            // n8n keeps what an expression returns (numbers, objects) in JSON bodies.
            schema: z.unknown(),
            displayOptions: { hide: { parameterType: ['formBinaryData'] } },
          }),
          inputDataFieldName: p.string({
            label: 'Input Data Field Name',
            description: 'Binary property of the input item to upload.',
            displayOptions: { show: { parameterType: ['formBinaryData'] } },
          }),
        },
      }),
    },
  }),
  jsonBody: p.json({
    label: 'JSON',
    displayOptions: { show: { sendBody: [true], contentType: ['json'], specifyBody: ['json'] } },
  }),
  body: p.string({
    label: 'Body',
    rows: 4,
    placeholder: 'field1=value1&field2=value2',
    displayOptions: { show: { sendBody: [true], contentType: ['raw', 'form-urlencoded'] } },
  }),
  inputDataFieldName: p.string({
    label: 'Input Data Field Name',
    default: 'data',
    description: 'Binary property of the input item to send as the body.',
    displayOptions: { show: { sendBody: [true], contentType: ['binaryData'] } },
  }),
  rawContentType: p.string({
    label: 'Content Type',
    placeholder: 'text/html',
    displayOptions: { show: { sendBody: [true], contentType: ['raw'] } },
  }),
  options,
};

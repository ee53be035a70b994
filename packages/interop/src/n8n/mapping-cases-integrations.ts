import { base, type Case } from './mapping-cases.ts';

/** Email, SSH, FTP, files and legacy binary nodes. */
export const integrationCases: Case[] = [
  {
    mapping: 'n8n',
    title: "the n8n node's workflow lookup: resource locator → id, request options dropped",
    before: {
      type: 'n8n-nodes-base.n8n',
      typeVersion: 1,
      parameters: {
        operation: 'get',
        workflowId: { __rl: true, mode: 'id', value: '={{ $json.id }}' },
        requestOptions: {},
      },
    },
    after: {
      type: 'guixu.guixuApi',
      parameters: { operation: 'get', workflowId: '={{ $json.id }}' },
    },
  },
  {
    mapping: 'email-send',
    title: 'Send Email v1: text and html side by side, cc and attachments at the top',
    before: {
      type: base('emailSend'),
      typeVersion: 1,
      parameters: {
        fromEmail: 'a@example.com',
        toEmail: 'b@example.com',
        ccEmail: 'c@example.com',
        subject: 'Hi',
        text: 'plain',
        html: '<p>html</p>',
        attachments: 'data',
        options: { allowUnauthorizedCerts: true },
      },
    },
    after: {
      type: 'guixu.emailSend',
      parameters: {
        fromEmail: 'a@example.com',
        toEmail: 'b@example.com',
        subject: 'Hi',
        emailFormat: 'both',
        text: 'plain',
        html: '<p>html</p>',
        options: { allowUnauthorizedCerts: true, ccEmail: 'c@example.com', attachments: 'data' },
      },
    },
  },
  {
    mapping: 'email-send',
    title: 'Send Email v2 without a format sends text (its default then)',
    before: {
      type: base('emailSend'),
      typeVersion: 2,
      parameters: { fromEmail: 'a@example.com', toEmail: 'b@example.com', text: 'hi', options: {} },
    },
    after: {
      type: 'guixu.emailSend',
      parameters: {
        fromEmail: 'a@example.com',
        toEmail: 'b@example.com',
        text: 'hi',
        emailFormat: 'text',
        options: {},
      },
    },
  },
  {
    mapping: 'ssh',
    title: 'SSH file resource without an operation uploads',
    before: { type: base('ssh'), typeVersion: 1, parameters: { resource: 'file', path: '/tmp' } },
    after: { type: 'guixu.ssh', parameters: { resource: 'file', path: '/tmp', operation: 'upload' } },
  },
  {
    mapping: 'ftp',
    title: 'FTP list without a path lists /',
    before: { type: base('ftp'), typeVersion: 1, parameters: { operation: 'list' } },
    after: { type: 'guixu.ftp', parameters: { operation: 'list', path: '/' } },
  },
  {
    mapping: 'html',
    title: 'HTML template with {{ }} gets the expression marker',
    before: { type: base('html'), typeVersion: 1.2, parameters: { html: '<p>{{ $json.name }}</p>' } },
    after: { type: 'guixu.html', parameters: { html: '=<p>{{ $json.name }}</p>', options: {} } },
  },
  {
    mapping: 'spreadsheet-file',
    title: 'Spreadsheet File v2 write CSV → Convert to File',
    before: {
      type: base('spreadsheetFile'),
      typeVersion: 2,
      parameters: { operation: 'toFile', fileFormat: 'csv', options: { headerRow: true } },
    },
    after: {
      type: 'guixu.convertToFile',
      parameters: { operation: 'csv', binaryPropertyName: 'data', options: { headerRow: true } },
    },
  },
  {
    mapping: 'move-binary-data',
    title: 'Convert binary to JSON (set all data) → Extract from JSON in place of the item',
    before: { type: base('moveBinaryData'), typeVersion: 1, parameters: { options: {} } },
    after: {
      type: 'guixu.extractFromFile',
      parameters: { operation: 'fromJson', binaryPropertyName: 'data', destinationKey: '', options: {} },
    },
  },
];

/** Mappings whose n8n parameters are GuixuFlow's, unchanged: one copied example each. */
export const sameShape: [string, string, Record<string, unknown>][] = [
  ['redis', 'redis', { operation: 'set', key: 'k', value: '={{ $json.v }}', expire: true, ttl: 60 }],
  ['aggregate', 'aggregate', { aggregate: 'aggregateAllItemData', destinationFieldName: 'all', options: {} }],
  ['split-out', 'splitOut', { fieldToSplitOut: 'items', options: {} }],
  ['sort', 'sort', { sortFieldsUi: { sortField: [{ fieldName: 'a', order: 'descending' }] }, options: {} }],
  ['limit', 'limit', { maxItems: 3, keep: 'lastItems' }],
  ['execute-command', 'executeCommand', { executeOnce: false, command: 'ls -la' }],
  ['rss-feed-read', 'rssFeedRead', { url: 'https://example.com/feed.xml', options: { ignoreSSL: true } }],
  [
    'summarize',
    'summarize',
    { fieldsToSummarize: { values: [{ aggregation: 'sum', field: 'n' }] }, options: {} },
  ],
  ['crypto', 'crypto', { action: 'hash', type: 'SHA256', value: 'abc', dataPropertyName: 'h' }],
  ['no-op', 'noOp', {}],
  ['stop-and-error', 'stopAndError', { errorMessage: 'stop' }],
  ['manual-trigger', 'manualTrigger', {}],
  ['error-trigger', 'errorTrigger', {}],
  ['rename-keys', 'renameKeys', { keys: { key: [{ currentKey: 'a', newKey: 'b' }] }, additionalOptions: {} }],
  ['sticky-note', 'stickyNote', { content: '## Note', height: 200, width: 300, color: 3 }],
  [
    'respond-to-webhook',
    'respondToWebhook',
    { respondWith: 'json', responseBody: '={{ $json }}', options: {} },
  ],
  ['schedule-trigger', 'scheduleTrigger', { rule: { interval: [{ field: 'hours', hoursInterval: 2 }] } }],
  ['webhook', 'webhook', { httpMethod: 'POST', path: 'hook', responseMode: 'onReceived', options: {} }],
  [
    'rabbitmq',
    'rabbitmq',
    {
      operation: 'sendMessage',
      mode: 'exchange',
      exchange: 'orders',
      exchangeType: 'topic',
      routingKey: 'orders.created',
      sendInputData: true,
      options: { headers: { header: [{ key: 'x-source', value: 'n8n' }] }, durable: true },
    },
  ],
  [
    'rabbitmq-trigger',
    'rabbitmqTrigger',
    {
      queue: 'jobs',
      options: {
        acknowledge: 'executionFinishesSuccessfully',
        jsonParseBody: true,
        parallelMessages: 5,
        binding: { bindings: [{ exchange: 'orders', routingKey: 'orders.*' }] },
      },
    },
  ],
  [
    'mqtt',
    'mqtt',
    {
      topic: 'sensors/kitchen',
      sendInputData: false,
      message: '={{ $json.t }}',
      options: { qos: 1, retain: true },
    },
  ],
  [
    'mqtt-trigger',
    'mqttTrigger',
    { topics: 'sensors/+/temp:1,alerts/#', options: { jsonParseBody: true, onlyMessage: false } },
  ],
  ['redis-trigger', 'redisTrigger', { channels: 'orders.*,alerts', options: { jsonParseBody: true } }],
  [
    'email-read-imap',
    'emailReadImap',
    {
      mailbox: 'INBOX',
      postProcessAction: 'read',
      format: 'resolved',
      downloadAttachments: true,
      options: {},
    },
  ],
  ['ssh', 'ssh', { resource: 'command', operation: 'execute', command: 'ls -la', cwd: '/tmp' }],
  ['ftp', 'ftp', { protocol: 'sftp', operation: 'upload', path: '/in/a.txt', binaryPropertyName: 'data' }],
  [
    'read-write-file',
    'readWriteFile',
    { operation: 'write', fileName: 'out/a.pdf', dataPropertyName: 'data', options: {} },
  ],
  [
    'extract-from-file',
    'extractFromFile',
    { operation: 'pdf', binaryPropertyName: 'attachment_0', options: {} },
  ],
  [
    'convert-to-file',
    'convertToFile',
    { operation: 'toBinary', sourceProperty: 'data[0].b64_json', options: {} },
  ],
  ['xml', 'xml', { mode: 'jsonToxml', options: { headless: true } }],
  [
    'markdown',
    'markdown',
    { mode: 'markdownToHtml', markdown: '={{ $json.body }}', destinationKey: 'html', options: {} },
  ],
  [
    'compression',
    'compression',
    { operation: 'decompress', binaryPropertyName: 'data', outputPrefix: 'file_' },
  ],
];

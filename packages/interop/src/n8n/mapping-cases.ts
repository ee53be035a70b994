/** One hand-written before (n8n) / after (GuixuFlow) pair. */
export interface Case {
  /** Mapping file (without .ts) this case covers. */
  mapping: string;
  title: string;
  before: { type: string; typeVersion: number; parameters: Record<string, unknown> };
  after: { type: string; parameters: Record<string, unknown> };
}

export const base = (name: string) => `n8n-nodes-base.${name}`;

/** Flow, data, HTTP and database nodes; `anyId` matches a generated id (the test passes `expect.any(String)`). */
export const coreCases = (anyId: unknown): Case[] => [
  {
    mapping: 'set',
    title: 'Set v1 values + keepOnlySet → assignments without other fields',
    before: {
      type: base('set'),
      typeVersion: 1,
      parameters: {
        keepOnlySet: true,
        values: {
          number: [{ name: 'score', value: '={{$json.s}}' }],
          string: [{ name: 'text', value: 'hi' }],
        },
        options: {},
      },
    },
    after: {
      type: 'guixu.set',
      parameters: {
        mode: 'manual',
        assignments: {
          assignments: [
            { id: anyId, name: 'score', value: '={{$json.s}}', type: 'number' },
            { id: anyId, name: 'text', value: 'hi', type: 'string' },
          ],
        },
        includeOtherFields: false,
        options: { dotNotation: true, stripBinary: false },
      },
    },
  },
  {
    mapping: 'set',
    title: 'Set v3.2 fields.values + include none',
    before: {
      type: base('set'),
      typeVersion: 3.2,
      parameters: {
        fields: {
          values: [
            { name: 'n', type: 'numberValue', numberValue: '5' },
            { name: 'text', stringValue: 'x' },
          ],
        },
        include: 'none',
        options: {},
      },
    },
    after: {
      type: 'guixu.set',
      parameters: {
        assignments: {
          assignments: [
            { id: anyId, name: 'n', value: '5', type: 'number' },
            { id: anyId, name: 'text', value: 'x', type: 'string' },
          ],
        },
        includeOtherFields: false,
        options: { stripBinary: false },
      },
    },
  },
  {
    mapping: 'set',
    title: 'Set v3.4 is copied',
    before: {
      type: base('set'),
      typeVersion: 3.4,
      parameters: {
        assignments: { assignments: [{ id: 'a', name: 'x', value: 1, type: 'number' }] },
        includeOtherFields: true,
        options: {},
      },
    },
    after: {
      type: 'guixu.set',
      parameters: {
        assignments: { assignments: [{ id: 'a', name: 'x', value: 1, type: 'number' }] },
        includeOtherFields: true,
        options: {},
      },
    },
  },
  {
    mapping: 'if',
    title: 'IF v1 string + number conditions → filter conditions, loose',
    before: {
      type: base('if'),
      typeVersion: 1,
      parameters: {
        conditions: {
          number: [{ value1: '={{$json.score}}', operation: 'larger' }],
          string: [{ value1: '={{$json.s}}', value2: 'NEG' }],
        },
        combineOperation: 'any',
      },
    },
    after: {
      type: 'guixu.if',
      parameters: {
        conditions: {
          options: { caseSensitive: true, leftValue: '', typeValidation: 'loose' },
          conditions: [
            {
              id: anyId,
              leftValue: '={{$json.score}}',
              rightValue: 0,
              operator: { type: 'number', operation: 'gt' },
            },
            {
              id: anyId,
              leftValue: '={{$json.s}}',
              rightValue: 'NEG',
              operator: { type: 'string', operation: 'equals' },
            },
          ],
          combinator: 'or',
        },
        looseTypeValidation: true,
        options: {},
      },
    },
  },
  {
    mapping: 'filter',
    title: 'Filter v1 boolean notEqual → boolean notEquals',
    before: {
      type: base('filter'),
      typeVersion: 1,
      parameters: {
        conditions: { boolean: [{ value1: '={{ $json.ok }}', value2: true, operation: 'notEqual' }] },
      },
    },
    after: {
      type: 'guixu.filter',
      parameters: {
        conditions: {
          options: { caseSensitive: true, leftValue: '', typeValidation: 'loose' },
          conditions: [
            {
              id: anyId,
              leftValue: '={{ $json.ok }}',
              rightValue: true,
              operator: { type: 'boolean', operation: 'notEquals' },
            },
          ],
          combinator: 'and',
        },
        looseTypeValidation: true,
        options: {},
      },
    },
  },
  {
    mapping: 'switch',
    title: 'Switch v1 string rules → one rule per output, fallback extra',
    before: {
      type: base('switch'),
      typeVersion: 1,
      parameters: {
        dataType: 'string',
        value1: '={{ $json.status }}',
        rules: { rules: [{ value2: 'done' }, { output: 1, value2: 'busy', operation: 'contains' }] },
        fallbackOutput: 3,
      },
    },
    after: {
      type: 'guixu.switch',
      parameters: {
        mode: 'rules',
        rules: {
          values: [
            {
              conditions: {
                options: { caseSensitive: true, leftValue: '', typeValidation: 'loose' },
                conditions: [
                  {
                    id: anyId,
                    leftValue: '={{ $json.status }}',
                    rightValue: 'done',
                    operator: { type: 'string', operation: 'equals' },
                  },
                ],
                combinator: 'and',
              },
              renameOutput: false,
            },
            {
              conditions: {
                options: { caseSensitive: true, leftValue: '', typeValidation: 'loose' },
                conditions: [
                  {
                    id: anyId,
                    leftValue: '={{ $json.status }}',
                    rightValue: 'busy',
                    operator: { type: 'string', operation: 'contains' },
                  },
                ],
                combinator: 'and',
              },
              renameOutput: false,
            },
          ],
        },
        looseTypeValidation: true,
        options: { fallbackOutput: 'extra' },
      },
    },
  },
  {
    mapping: 'merge',
    title: 'Merge v1 mergeByKey → combine by fields, enrich input 1',
    before: {
      type: base('merge'),
      typeVersion: 1,
      parameters: { mode: 'mergeByKey', propertyName1: 'id', propertyName2: 'id' },
    },
    after: {
      type: 'guixu.merge',
      parameters: {
        mode: 'combine',
        combineBy: 'combineByFields',
        fieldsToMatchString: 'id',
        joinMode: 'enrichInput1',
        options: {},
      },
    },
  },
  {
    mapping: 'merge',
    title: 'Merge v2.1 mergeByPosition → combine by position',
    before: {
      type: base('merge'),
      typeVersion: 2.1,
      parameters: { mode: 'combine', combinationMode: 'mergeByPosition', options: {} },
    },
    after: {
      type: 'guixu.merge',
      parameters: { mode: 'combine', combineBy: 'combineByPosition', options: {} },
    },
  },
  {
    mapping: 'code',
    title: 'Code v1 gets language javaScript',
    before: { type: base('code'), typeVersion: 1, parameters: { jsCode: 'return $input.all();' } },
    after: { type: 'guixu.code', parameters: { jsCode: 'return $input.all();', language: 'javaScript' } },
  },
  {
    mapping: 'function',
    title: 'Function → Code, run once for all items',
    before: { type: base('function'), typeVersion: 1, parameters: { functionCode: 'return items;' } },
    after: {
      type: 'guixu.code',
      parameters: { mode: 'runOnceForAllItems', language: 'javaScript', jsCode: 'return items;' },
    },
  },
  {
    mapping: 'function-item',
    title: 'Function Item → Code per item with `item` bound',
    before: {
      type: base('functionItem'),
      typeVersion: 1,
      parameters: { functionCode: 'item.x = 1;\nreturn item;' },
    },
    after: {
      type: 'guixu.code',
      parameters: {
        mode: 'runOnceForEachItem',
        language: 'javaScript',
        jsCode:
          "// Converted from a Function Item node: `item` is this item's JSON.\nreturn await (async function (item) {\nitem.x = 1;\nreturn item;\n})($input.item.json);",
      },
    },
  },
  {
    mapping: 'http-request',
    title: 'HTTP Request v1 POST with JSON body and header auth',
    before: {
      type: base('httpRequest'),
      typeVersion: 1,
      parameters: {
        url: 'https://example.test/x',
        requestMethod: 'POST',
        authentication: 'headerAuth',
        jsonParameters: true,
        bodyParametersJson: '={{ JSON.stringify($json) }}',
        queryParametersUi: { parameter: [] },
        responseFormat: 'string',
        options: { timeout: 5000 },
      },
    },
    after: {
      type: 'guixu.httpRequest',
      parameters: {
        method: 'POST',
        url: 'https://example.test/x',
        authentication: 'genericCredentialType',
        genericAuthType: 'httpHeaderAuth',
        sendBody: true,
        contentType: 'json',
        specifyBody: 'json',
        jsonBody: '={{ JSON.stringify($json) }}',
        options: {
          response: { response: { responseFormat: 'text', outputPropertyName: 'data', parseJsonText: true } },
          timeout: 5000,
        },
      },
    },
  },
  {
    mapping: 'cron',
    title: 'Cron every day at 6 → schedule cron rule',
    before: {
      type: base('cron'),
      typeVersion: 1,
      parameters: { triggerTimes: { item: [{ hour: 6 }, { mode: 'everyX', value: 48 }] } },
    },
    after: {
      type: 'guixu.scheduleTrigger',
      parameters: {
        rule: {
          interval: [
            { field: 'cronExpression', expression: '0 6 * * *' },
            { field: 'days', daysInterval: 2, triggerAtHour: 0 },
          ],
        },
      },
    },
  },
  {
    mapping: 'start',
    title: 'legacy Start → Manual Trigger',
    before: { type: base('start'), typeVersion: 1, parameters: {} },
    after: { type: 'guixu.manualTrigger', parameters: {} },
  },
  {
    mapping: 'split-in-batches',
    title: 'Split In Batches v1 → Loop Over Items',
    before: {
      type: base('splitInBatches'),
      typeVersion: 1,
      parameters: { batchSize: 5, options: { reset: false } },
    },
    after: { type: 'guixu.loopOverItems', parameters: { batchSize: 5, options: { reset: false } } },
  },
  {
    mapping: 'execute-workflow',
    title: 'Execute Workflow v1 id string → resource locator',
    before: { type: base('executeWorkflow'), typeVersion: 1, parameters: { workflowId: 'abc', options: {} } },
    after: {
      type: 'guixu.executeWorkflow',
      parameters: { workflowId: { __rl: true, mode: 'id', value: 'abc' }, options: {}, mode: 'once' },
    },
  },
  {
    mapping: 'execute-workflow-trigger',
    title: 'Execute Workflow Trigger v1 → passthrough',
    before: { type: base('executeWorkflowTrigger'), typeVersion: 1, parameters: {} },
    after: { type: 'guixu.executeWorkflowTrigger', parameters: { inputSource: 'passthrough' } },
  },
  {
    mapping: 'date-time',
    title: 'Date & Time v1 format (moment tokens) → formatDate with a Luxon format, input fields kept',
    before: {
      type: base('dateTime'),
      typeVersion: 1,
      parameters: {
        value: '={{ $json.d }}',
        custom: true,
        toFormat: 'YYYY-MM-DD [at] HH:mm',
        dataPropertyName: 'out',
        options: { toTimezone: 'Asia/Shanghai' },
      },
    },
    after: {
      type: 'guixu.dateTime',
      parameters: {
        operation: 'formatDate',
        date: '={{ $json.d }}',
        format: 'custom',
        customFormat: "yyyy-MM-dd 'at' HH:mm",
        outputFieldName: 'out',
        options: { includeInputFields: true, timezone: 'Asia/Shanghai' },
      },
    },
  },
  {
    mapping: 'date-time',
    title: 'Date & Time v1 calculate → subtractFromDate',
    before: {
      type: base('dateTime'),
      typeVersion: 1,
      parameters: {
        action: 'calculate',
        value: '05/03/2024',
        operation: 'subtract',
        duration: 2,
        timeUnit: 'months',
        options: { fromFormat: 'DD/MM/YYYY' },
      },
    },
    after: {
      type: 'guixu.dateTime',
      parameters: {
        operation: 'subtractFromDate',
        magnitude: '05/03/2024',
        duration: 2,
        timeUnit: 'months',
        outputFieldName: 'data',
        options: { includeInputFields: true, fromFormat: 'dd/MM/yyyy' },
      },
    },
  },
  {
    mapping: 'date-time',
    title: 'Date & Time v2 is copied',
    before: {
      type: base('dateTime'),
      typeVersion: 2,
      parameters: { operation: 'formatDate', date: '2024-01-02', format: 'yyyy/MM/dd', options: {} },
    },
    after: {
      type: 'guixu.dateTime',
      parameters: { operation: 'formatDate', date: '2024-01-02', format: 'yyyy/MM/dd', options: {} },
    },
  },
  {
    mapping: 'http-request',
    title: 'HTTP Request v4.1 without the editor notices n8n saves (they configure nothing)',
    before: {
      type: base('httpRequest'),
      typeVersion: 4.1,
      parameters: {
        curlImport: '',
        httpVariantWarning: '',
        '': '',
        infoMessage: '',
        url: 'https://example.com',
        options: {},
      },
    },
    after: { type: 'guixu.httpRequest', parameters: { url: 'https://example.com', options: {} } },
  },
  {
    mapping: 'wait',
    title: 'Wait v1 keeps its 1-hour defaults explicitly',
    before: { type: base('wait'), typeVersion: 1, parameters: { unit: 'seconds' } },
    after: { type: 'guixu.wait', parameters: { unit: 'seconds', amount: 1 } },
  },
  {
    mapping: 'item-lists',
    title: 'Item Lists split out → Split Out',
    before: {
      type: base('itemLists'),
      typeVersion: 3,
      parameters: { fieldToSplitOut: 'data', options: { destinationFieldName: 'Link' } },
    },
    after: {
      type: 'guixu.splitOut',
      parameters: { fieldToSplitOut: 'data', options: { destinationFieldName: 'Link' } },
    },
  },
  {
    mapping: 'remove-duplicates',
    title: 'Remove Duplicates v1 copied',
    before: {
      type: base('removeDuplicates'),
      typeVersion: 1,
      parameters: { compare: 'selectedFields', fieldsToCompare: 'id', options: {} },
    },
    after: {
      type: 'guixu.removeDuplicates',
      parameters: { compare: 'selectedFields', fieldsToCompare: 'id', options: {} },
    },
  },
  {
    mapping: 'postgres',
    title: 'Postgres v1 update with columns, the default updateKey and query mode → v2.6 column mapping',
    before: {
      type: base('postgres'),
      typeVersion: 1,
      parameters: {
        operation: 'update',
        table: 'users',
        columns: 'name,email',
        additionalFields: { mode: 'transaction' },
      },
    },
    after: {
      type: 'guixu.postgres',
      parameters: {
        operation: 'update',
        table: 'users',
        columns: {
          mappingMode: 'defineBelow',
          value: { id: '={{ $json["id"] }}', name: '={{ $json["name"] }}', email: '={{ $json["email"] }}' },
          matchingColumns: ['id'],
        },
        options: { queryBatching: 'transaction' },
      },
    },
  },
  {
    mapping: 'postgres',
    title: 'Postgres v1 execute query with query parameters from item fields',
    before: {
      type: base('postgres'),
      typeVersion: 1,
      parameters: {
        operation: 'executeQuery',
        query: 'SELECT * FROM users WHERE id = $1',
        additionalFields: { queryParams: 'id' },
      },
    },
    after: {
      type: 'guixu.postgres',
      parameters: {
        operation: 'executeQuery',
        query: 'SELECT * FROM users WHERE id = $1',
        options: { queryReplacement: '={{ [$json["id"]] }}' },
      },
    },
  },
  {
    mapping: 'postgres',
    title: 'Postgres v2.6 is copied',
    before: {
      type: base('postgres'),
      typeVersion: 2.6,
      parameters: {
        operation: 'select',
        schema: { __rl: true, mode: 'list', value: 'public' },
        table: { __rl: true, mode: 'list', value: 'users' },
        where: { values: [{ column: 'age', condition: '>', value: '30' }] },
        options: {},
      },
    },
    after: {
      type: 'guixu.postgres',
      parameters: {
        operation: 'select',
        schema: { __rl: true, mode: 'list', value: 'public' },
        table: { __rl: true, mode: 'list', value: 'users' },
        where: { values: [{ column: 'age', condition: '>', value: '30' }] },
        options: {},
      },
    },
  },
  {
    mapping: 'my-sql',
    title: 'MySQL v2.1 dataMode defineBelow with a column to match → v2.5 column mapping',
    before: {
      type: base('mySql'),
      typeVersion: 2.1,
      parameters: {
        operation: 'update',
        table: { __rl: true, mode: 'list', value: 'orders' },
        dataMode: 'defineBelow',
        columnToMatchOn: 'id',
        valueToMatchOn: '={{ $json.id }}',
        valuesToSend: { values: [{ column: 'status', value: 'paid' }] },
        options: {},
      },
    },
    after: {
      type: 'guixu.mySql',
      parameters: {
        operation: 'update',
        table: { __rl: true, mode: 'list', value: 'orders' },
        columns: {
          mappingMode: 'defineBelow',
          value: { status: 'paid', id: '={{ $json.id }}' },
          matchingColumns: ['id'],
        },
        options: {},
      },
    },
  },
];

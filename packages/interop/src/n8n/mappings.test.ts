import { builtinNodes } from '@guixu/nodes';
import { describe, expect, it } from 'vitest';
import { mappingFiles } from '../mapping-lists.ts';
import { importOne } from './mapping-test-kit.ts';

const registry = await builtinNodes();
const anyId = expect.any(String);

interface Case {
  /** Mapping file (without .ts) this case covers. */
  mapping: string;
  title: string;
  before: { type: string; typeVersion: number; parameters: Record<string, unknown> };
  after: { type: string; parameters: Record<string, unknown> };
}

const base = (name: string) => `n8n-nodes-base.${name}`;

/** Hand-written before (n8n) / after (GuixuFlow) pairs, at least one per mapping file. */
const cases: Case[] = [
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
          response: { response: { responseFormat: 'text', outputPropertyName: 'data' } },
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
];

/** Mappings whose n8n parameters are GuixuFlow's, unchanged: one copied example each. */
const sameShape: [string, string, Record<string, unknown>][] = [
  ['aggregate', 'aggregate', { aggregate: 'aggregateAllItemData', destinationFieldName: 'all', options: {} }],
  ['split-out', 'splitOut', { fieldToSplitOut: 'items', options: {} }],
  ['sort', 'sort', { sortFieldsUi: { sortField: [{ fieldName: 'a', order: 'descending' }] }, options: {} }],
  ['limit', 'limit', { maxItems: 3, keep: 'lastItems' }],
  [
    'summarize',
    'summarize',
    { fieldsToSummarize: { values: [{ aggregation: 'sum', field: 'n' }] }, options: {} },
  ],
  [
    'date-time',
    'dateTime',
    { operation: 'formatDate', date: '2024-01-02', format: 'yyyy/MM/dd', options: {} },
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
];
const guixuOf: Record<string, string> = { webhook: 'guixu.webhook' };

describe('n8n node mappings (before → after)', () => {
  for (const c of cases) {
    it(`${c.mapping}: ${c.title}`, () => {
      const { node, report } = importOne(registry, c.before);
      expect(report.reason).toBeUndefined();
      expect(report.status).toBe('mapped');
      expect(node.type).toBe(c.after.type);
      expect(node.parameters).toEqual(c.after.parameters);
    });
  }
  for (const [file, n8nName, parameters] of sameShape) {
    it(`${file}: copied as it is`, () => {
      const { node, report } = importOne(registry, { type: base(n8nName), typeVersion: 1, parameters });
      expect(report.reason).toBeUndefined();
      expect(node.type).toBe(guixuOf[n8nName] ?? `guixu.${n8nName}`);
      expect(node.parameters).toEqual(parameters);
    });
  }

  it('has a before/after example for every mapping file', () => {
    const covered = new Set([...cases.map((c) => c.mapping), ...sameShape.map(([file]) => file)]);
    expect(
      mappingFiles('n8n/mappings')
        .map((f) => f.replace(/\.ts$/, ''))
        .filter((f) => !covered.has(f)),
    ).toEqual([]);
  });
});

import { builtinNodes } from '@guixu/nodes';
import { describe, expect, it } from 'vitest';
import { AI_MAPPINGS, difyApp, importApp, mappingExamples, nodeNamed } from './dify-test-kit.ts';

const registry = await builtinNodes();
const { test, uncovered } = mappingExamples();

describe('Dify node mappings (before → after): start, logic, data, containers', () => {
  test('start', 'start becomes a Manual Trigger; sys.query reads its chatInput', () => {
    const { workflow, report } = importApp(
      registry,
      difyApp(
        [
          {
            id: 'a',
            data: { type: 'answer', title: 'Answer', answer: 'You said {{#sys.query#}} / {{#start.q#}}' },
          },
        ],
        [{ source: 'start', target: 'a' }],
        { mode: 'advanced-chat' },
      ),
    );
    expect(nodeNamed(workflow, 'Start').type).toBe('guixu.manualTrigger');
    expect(report.validation.errors).toEqual([]);
    expect(workflow.connections.Start.main[0]).toEqual([{ node: 'Answer', type: 'main', index: 0 }]);
  });

  test('answer', 'answer text becomes an `answer` field with expressions', () => {
    const { workflow } = importApp(
      registry,
      difyApp(
        [
          {
            id: 'a',
            data: { type: 'answer', title: 'Answer', answer: 'You said {{#sys.query#}} / {{#start.q#}}' },
          },
        ],
        [{ source: 'start', target: 'a' }],
        { mode: 'advanced-chat' },
      ),
    );
    expect(nodeNamed(workflow, 'Answer').parameters).toEqual({
      mode: 'manual',
      assignments: {
        assignments: [
          {
            id: 'a-answer',
            name: 'answer',
            value: '=You said {{ $("Start").first().json.chatInput }} / {{ $("Start").first().json.q }}',
            type: 'string',
          },
        ],
      },
      includeOtherFields: false,
      options: {},
    });
  });

  test('end', 'end outputs become fields', () => {
    const { workflow } = importApp(
      registry,
      difyApp(
        [
          {
            id: 'e',
            data: {
              type: 'end',
              title: 'End',
              outputs: [{ variable: 'result', value_selector: ['start', 'q'] }],
            },
          },
        ],
        [{ source: 'start', target: 'e' }],
      ),
    );
    expect(nodeNamed(workflow, 'End').parameters.assignments).toEqual({
      assignments: [{ id: 'e-0', name: 'result', value: '={{ $("Start").first().json.q }}', type: 'string' }],
    });
  });

  test(
    'code',
    'JavaScript and Python main() are called with their inputs; other languages stay placeholders',
    () => {
      const { workflow, report } = importApp(
        registry,
        difyApp(
          [
            {
              id: 'js',
              data: {
                type: 'code',
                title: 'JS',
                code_language: 'javascript',
                code: 'function main({arg1}) { return { result: arg1 + 1 } }',
                variables: [{ variable: 'arg1', value_selector: ['start', 'q'] }],
              },
            },
            {
              id: 'py',
              data: {
                type: 'code',
                title: 'PY',
                code_language: 'python3',
                code: 'import json\nimport requests\ndef main(arg1, k):\n    return {"r": arg1}',
                variables: [
                  { variable: 'arg1', value_selector: ['js', 'result'] },
                  { variable: 'k', value_selector: ['start', 'q', 'class'] },
                ],
              },
            },
            {
              id: 'go',
              data: { type: 'code', title: 'GO', code_language: 'golang', code: 'func main() {}' },
            },
          ],
          [
            { source: 'start', target: 'js' },
            { source: 'js', target: 'py' },
            { source: 'py', target: 'go' },
          ],
        ),
      );
      expect(nodeNamed(workflow, 'JS').parameters).toEqual({
        mode: 'runOnceForEachItem',
        language: 'javaScript',
        jsCode: [
          '// Converted from the Dify code node "JS": Dify called main() with these inputs.',
          'function main({arg1}) { return { result: arg1 + 1 } }',
          '',
          'const difyInputs = {',
          '  "arg1": $("Start").first().json.q,',
          '};',
          'return { json: await main(difyInputs) };',
        ].join('\n'),
      });
      expect(nodeNamed(workflow, 'PY').parameters).toEqual({
        mode: 'runOnceForEachItem',
        language: 'python',
        pythonCode: [
          '# Converted from the Dify code node "PY": Dify called main() with these inputs.',
          'import json',
          'import requests',
          'def main(arg1, k):',
          '    return {"r": arg1}',
          '',
          '_dify_inputs = {',
          '    "arg1": _("JS").first().json.result,',
          '    "k": _("Start").first().json.q["class"],',
          '}',
          'return {"json": main(**_dify_inputs)}',
        ].join('\n'),
      });
      expect(report.nodes.find((n) => n.node === 'PY')?.warnings).toEqual([
        expect.stringContaining('imports requests, which the Code node'),
      ]);
      const go = nodeNamed(workflow, 'GO');
      expect(go.type).toBe('guixu.placeholder');
      expect(go.disabled).toBe(true);
      expect(report.nodes.find((n) => n.node === 'GO')?.reason).toContain('golang code is not supported');
    },
  );

  test('if-else', 'one case → IF, several → Switch with the else branch on the extra output', () => {
    const condition = {
      id: 'c1',
      variable_selector: ['start', 'q'],
      comparison_operator: 'contains',
      value: 'x',
      varType: 'string',
    };
    const { workflow } = importApp(
      registry,
      difyApp(
        [
          {
            id: 'if1',
            data: {
              type: 'if-else',
              title: 'One',
              cases: [{ case_id: 'true', logical_operator: 'and', conditions: [condition] }],
            },
          },
          {
            id: 'if2',
            data: {
              type: 'if-else',
              title: 'Two',
              cases: [
                { case_id: 'true', logical_operator: 'and', conditions: [condition] },
                {
                  case_id: 'k2',
                  logical_operator: 'or',
                  conditions: [{ ...condition, comparison_operator: '>', value: '3', varType: 'number' }],
                },
              ],
            },
          },
          { id: 'n1', data: { type: 'answer', title: 'A1', answer: 'a' } },
          { id: 'n2', data: { type: 'answer', title: 'A2', answer: 'b' } },
        ],
        [
          { source: 'start', target: 'if1' },
          { source: 'if1', target: 'if2', sourceHandle: 'true' },
          { source: 'if1', target: 'n1', sourceHandle: 'false' },
          { source: 'if2', target: 'n2', sourceHandle: 'k2' },
          { source: 'if2', target: 'n1', sourceHandle: 'false' },
        ],
      ),
    );
    const one = nodeNamed(workflow, 'One');
    expect(one.type).toBe('guixu.if');
    expect(one.parameters.conditions).toEqual({
      options: { caseSensitive: true, leftValue: '', typeValidation: 'loose' },
      conditions: [
        {
          id: 'c1',
          leftValue: '={{ $("Start").first().json.q }}',
          rightValue: 'x',
          operator: { type: 'string', operation: 'contains' },
        },
      ],
      combinator: 'and',
    });
    expect(nodeNamed(workflow, 'Two').type).toBe('guixu.switch');
    expect(workflow.connections.One.main).toEqual([
      [{ node: 'Two', type: 'main', index: 0 }],
      [{ node: 'A1', type: 'main', index: 0 }],
    ]);
    expect(workflow.connections.Two.main).toEqual([
      [],
      [{ node: 'A2', type: 'main', index: 0 }],
      [{ node: 'A1', type: 'main', index: 0 }],
    ]);
  });

  test(
    'http-request',
    'method, URL, headers, JSON body; the API key becomes a credential slot to fill',
    () => {
      const { workflow, report } = importApp(
        registry,
        difyApp(
          [
            {
              id: 'h',
              data: {
                type: 'http-request',
                title: 'Call',
                method: 'post',
                url: 'https://api.test/{{#start.q#}}',
                headers: 'Content-Type:application/json\nX-Trace:{{#start.q#}}',
                params: '',
                authorization: { type: 'api-key', config: { type: 'bearer', api_key: 'secret' } },
                body: { type: 'json', data: '{"q": "{{#start.q#}}"}' },
              },
            },
            {
              id: 'e',
              data: {
                type: 'end',
                title: 'End',
                outputs: [{ variable: 's', value_selector: ['h', 'status_code'] }],
              },
            },
          ],
          [
            { source: 'start', target: 'h' },
            { source: 'h', target: 'e' },
          ],
        ),
      );
      const http = nodeNamed(workflow, 'Call');
      expect(http.parameters).toEqual({
        method: 'POST',
        url: '=https://api.test/{{ $("Start").first().json.q }}',
        authentication: 'genericCredentialType',
        genericAuthType: 'httpBearerAuth',
        sendHeaders: true,
        specifyHeaders: 'keypair',
        headerParameters: { parameters: [{ name: 'X-Trace', value: '={{ $("Start").first().json.q }}' }] },
        sendBody: true,
        contentType: 'json',
        specifyBody: 'json',
        jsonBody: '={"q": "{{ $("Start").first().json.q }}"}',
        options: {
          response: { response: { fullResponse: true, responseFormat: 'text', outputPropertyName: 'body' } },
        },
      });
      expect(http.credentials).toEqual({ httpBearerAuth: { id: null, name: 'Call (API key)' } });
      expect(JSON.stringify(workflow)).not.toContain('secret');
      expect(report.credentials).toEqual([{ node: 'Call', slot: 'httpBearerAuth', name: 'Call (API key)' }]);
      expect(nodeNamed(workflow, 'End').parameters.assignments).toMatchObject({
        assignments: [{ value: '={{ $("Call").first().json.statusCode }}' }],
      });
    },
  );

  test(
    'template-transform',
    'plain {{ var }} templates become text; tags and filters render with $jinja',
    () => {
      const { workflow } = importApp(
        registry,
        difyApp(
          [
            {
              id: 't1',
              data: {
                type: 'template-transform',
                title: 'T1',
                template: 'Hi {{ name }}!',
                variables: [{ variable: 'name', value_selector: ['start', 'q'] }],
              },
            },
            {
              id: 't2',
              data: {
                type: 'template-transform',
                title: 'T2',
                template: '{% for x in xs %}{{ x }}{% endfor %}',
                variables: [{ variable: 'xs', value_selector: ['start', 'q'] }],
              },
            },
          ],
          [
            { source: 'start', target: 't1' },
            { source: 't1', target: 't2' },
          ],
        ),
      );
      expect(nodeNamed(workflow, 'T1').parameters.assignments).toEqual({
        assignments: [
          { id: 't1-output', name: 'output', value: '=Hi {{ $("Start").first().json.q }}!', type: 'string' },
        ],
      });
      expect(nodeNamed(workflow, 'T2').parameters).toEqual({
        mode: 'runOnceForEachItem',
        language: 'javaScript',
        jsCode: [
          '// Converted from the Dify template node "T2": its Jinja2 template, rendered with these variables.',
          'const template = "{% for x in xs %}{{ x }}{% endfor %}";',
          'const variables = {',
          '  "xs": $("Start").first().json.q,',
          '};',
          'return { json: { output: $jinja(template, variables) } };',
        ].join('\n'),
      });
    },
  );

  test('variable-aggregator', 'the first branch that ran provides `output`', () => {
    const { workflow } = importApp(
      registry,
      difyApp(
        [
          { id: 'a', data: { type: 'answer', title: 'A', answer: 'x' } },
          {
            id: 'v',
            data: {
              type: 'variable-aggregator',
              title: 'Agg',
              variables: [
                ['a', 'answer'],
                ['start', 'q'],
              ],
            },
          },
        ],
        [
          { source: 'start', target: 'a' },
          { source: 'a', target: 'v' },
        ],
      ),
    );
    expect(nodeNamed(workflow, 'Agg').parameters.assignments).toEqual({
      assignments: [
        {
          id: 'v-output',
          name: 'output',
          value:
            '={{ ($("A").isExecuted ? $("A").first().json.answer : undefined) ?? ($("Start").isExecuted ? $("Start").first().json.q : undefined) }}',
          type: 'string',
        },
      ],
    });
  });

  test(
    'assigner',
    'assignments compute the new values; conversation variables start from a node after the trigger',
    () => {
      const { workflow, report } = importApp(
        registry,
        difyApp(
          [
            {
              id: 's',
              data: {
                type: 'assigner',
                title: 'Count',
                version: '2',
                items: [
                  {
                    variable_selector: ['conversation', 'n'],
                    operation: '+=',
                    input_type: 'constant',
                    value: 1,
                  },
                ],
              },
            },
          ],
          [{ source: 'start', target: 's' }],
          { conversation: [{ name: 'n', value: 0, value_type: 'number' }] },
        ),
      );
      expect(nodeNamed(workflow, 'Count').parameters.assignments).toEqual({
        assignments: [
          {
            id: 's-0',
            name: 'n',
            value: '={{ Number($("Conversation variables").first().json.n) + Number(1) }}',
            type: 'number',
          },
        ],
      });
      expect(workflow.connections.Start.main[0]).toEqual([
        { node: 'Conversation variables', type: 'main', index: 0 },
      ]);
      expect(workflow.connections['Conversation variables'].main[0]).toEqual([
        { node: 'Count', type: 'main', index: 0 },
      ]);
      expect(report.validation.errors).toEqual([]);
    },
  );

  test('list-operator', 'filter/limit become a Code node with result, first_record, last_record', () => {
    const { workflow, report } = importApp(
      registry,
      difyApp(
        [
          {
            id: 'l',
            data: {
              type: 'list-operator',
              title: 'Images',
              variable: ['sys', 'files'],
              filter_by: {
                enabled: true,
                conditions: [{ comparison_operator: 'in', key: 'type', value: ['image'] }],
              },
              limit: { enabled: true, size: 2 },
            },
          },
        ],
        [{ source: 'start', target: 'l' }],
      ),
    );
    expect(nodeNamed(workflow, 'Images').parameters.jsCode).toBe(
      [
        '// Converted from the Dify list operator "Images".',
        'let result = [].concat($("Start").first().json.files ?? []);',
        'result = result.filter((x) => [].concat(["image"]).includes((x ?? {})["type"]));',
        'result = result.slice(0, 2);',
        'return [{ json: { result, first_record: result[0] ?? null, last_record: result[result.length - 1] ?? null } }];',
      ].join('\n'),
    );
    expect(report.validation.errors).toEqual([]);
  });

  for (const [mapping, kind] of [
    ['iteration', 'iteration'],
    ['loop', 'loop'],
  ] as const) {
    test(
      mapping,
      'the container becomes items → Loop Over Items → body inline → collect → done → output',
      () => {
        const data =
          kind === 'iteration'
            ? {
                type: 'iteration',
                title: 'Each',
                iterator_selector: ['start', 'q'],
                output_selector: ['b', 'answer'],
                start_node_id: 'cstart',
              }
            : { type: 'loop', title: 'Each', loop_count: 3, loop_variables: [], start_node_id: 'cstart' };
        const { workflow, report } = importApp(
          registry,
          difyApp(
            [
              { id: 'c', data },
              {
                id: 'cstart',
                type: 'custom-iteration-start',
                parentId: 'c',
                data: { type: `${kind}-start`, title: '' },
              },
              { id: 'b', parentId: 'c', data: { type: 'answer', title: 'Body', answer: '{{#c.index#}}' } },
              {
                id: 'e',
                data: {
                  type: 'end',
                  title: 'End',
                  outputs: [{ variable: 'all', value_selector: ['c', 'output'] }],
                },
              },
            ],
            [
              { source: 'start', target: 'c' },
              { source: 'cstart', target: 'b' },
              { source: 'c', target: 'e' },
            ],
          ),
        );
        expect(report.validation.errors).toEqual([]);
        const links = Object.entries(workflow.connections).flatMap(([from, byType]) =>
          (byType.main ?? []).flatMap((targets, output) =>
            (targets ?? []).map((t) => `${from}[${output}] → ${t.node}`),
          ),
        );
        expect(links.sort()).toEqual(
          [
            'Start[0] → Each (items)',
            'Each (items)[0] → Each',
            'Each[1] → Body',
            'Body[0] → Each (collect)',
            'Each (collect)[0] → Each',
            'Each[0] → Each (output)',
            'Each (output)[0] → End',
          ].sort(),
        );
        expect(nodeNamed(workflow, 'Each').type).toBe('guixu.loopOverItems');
        expect(nodeNamed(workflow, 'Body').parameters.assignments).toMatchObject({
          assignments: [{ value: '={{ $("Each").item.json.index }}' }],
        });
        expect(nodeNamed(workflow, 'End').parameters.assignments).toMatchObject({
          assignments: [{ value: '={{ $("Each (output)").first().json.output }}' }],
        });
      },
    );
  }

  test('note', 'notes keep their text as sticky notes', () => {
    const state = JSON.stringify({
      root: {
        type: 'root',
        children: [{ type: 'paragraph', children: [{ type: 'text', text: 'Read me' }] }],
      },
    });
    const { workflow } = importApp(
      registry,
      difyApp(
        [
          {
            id: 'n',
            type: 'custom-note',
            data: { type: '', title: '', text: state, width: 300, height: 100, author: 'Ann' },
          },
        ],
        [],
      ),
    );
    expect(workflow.nodes.find((n) => n.type === 'guixu.stickyNote')?.parameters).toEqual({
      content: 'Read me\n\n— Ann',
      width: 300,
      height: 100,
      color: 1,
    });
  });

  it('a fail branch becomes the error output, on mapped nodes and placeholders', () => {
    const { workflow, report } = importApp(
      registry,
      difyApp(
        [
          {
            id: 'h',
            data: {
              type: 'http-request',
              title: 'Call',
              method: 'get',
              url: 'http://127.0.0.1/x',
              error_strategy: 'fail-branch',
            },
          },
          { id: 'l', data: { type: 'llm', title: 'Ask', error_strategy: 'fail-branch' } },
          { id: 'ok', data: { type: 'answer', title: 'Ok', answer: 'ok' } },
          { id: 'bad', data: { type: 'answer', title: 'Bad', answer: 'bad' } },
        ],
        [
          { source: 'start', target: 'h' },
          { source: 'h', target: 'l' },
          { source: 'h', target: 'bad', sourceHandle: 'fail-branch' },
          { source: 'l', target: 'ok' },
          { source: 'l', target: 'bad', sourceHandle: 'fail-branch' },
        ],
      ),
    );
    expect(report.validation.errors).toEqual([]);
    expect(nodeNamed(workflow, 'Call').onError).toBe('continueErrorOutput');
    expect(workflow.connections.Call.main).toEqual([
      [{ node: 'Ask', type: 'main', index: 0 }],
      [{ node: 'Bad', type: 'main', index: 0 }],
    ]);
    expect(nodeNamed(workflow, 'Ask').onError).toBe('continueErrorOutput');
    expect(workflow.connections.Ask.main).toEqual([
      [{ node: 'Ok', type: 'main', index: 0 }],
      [{ node: 'Bad', type: 'main', index: 0 }],
    ]);
  });

  test('document-extractor', 'becomes Extract from File reading the document text of the named file', () => {
    const { workflow } = importApp(
      registry,
      difyApp(
        [
          {
            id: 'x',
            data: { type: 'document-extractor', title: 'Doc', variable_selector: ['sys', 'files'] },
          },
        ],
        [{ source: 'start', target: 'x' }],
      ),
    );
    const node = nodeNamed(workflow, 'Doc');
    expect(node.type).toBe('guixu.extractFromFile');
    expect(node.parameters).toEqual({
      operation: 'document',
      binaryPropertyName: 'files',
      destinationKey: 'text',
      options: {},
    });
  });

  it('has a before/after example for every mapping file but the AI ones (dify-mappings-ai.test.ts)', () => {
    expect(uncovered((f) => !AI_MAPPINGS.includes(f))).toEqual([]);
  });
});

import { builtinNodes } from '@guixu/nodes';
import { describe, expect, it } from 'vitest';
import { AI_MAPPINGS, difyApp, importApp, mappingExamples, nodeNamed } from './dify-test-kit.ts';

const registry = await builtinNodes();
const { test, uncovered } = mappingExamples();

describe('Dify node mappings (before → after): LLM, classifier, extractor, agent, knowledge, tools', () => {
  test('llm', 'LLM becomes a Basic LLM Chain with its model as a Chat Model sub-node', () => {
    const { workflow, report } = importApp(
      registry,
      difyApp(
        [
          {
            id: 'x',
            data: {
              type: 'llm',
              title: 'Ask',
              model: {
                provider: 'langgenius/deepseek/deepseek',
                name: 'deepseek-chat',
                mode: 'chat',
                completion_params: { temperature: 0.3, max_tokens: 512 },
              },
              prompt_template: [
                { role: 'system', text: 'You answer briefly.' },
                { role: 'user', text: 'Question: {{#start.q#}}' },
              ],
            },
          },
          {
            id: 'y',
            data: { type: 'end', title: 'End', outputs: [{ variable: 'a', value_selector: ['x', 'text'] }] },
          },
        ],
        [
          { source: 'start', target: 'x' },
          { source: 'x', target: 'y' },
        ],
      ),
    );
    expect(report.validation.errors).toEqual([]);
    expect(nodeNamed(workflow, 'Ask')).toMatchObject({
      type: 'guixu.chainLlm',
      parameters: { systemMessage: 'You answer briefly.', prompt: expect.stringContaining('Question: {{') },
    });
    expect(nodeNamed(workflow, 'Ask Model')).toMatchObject({
      type: 'guixu.lmChatOpenAiCompatible',
      parameters: { model: 'deepseek-chat', options: { temperature: 0.3, maxTokens: 512 } },
      credentials: { openAiCompatibleApi: { id: null, name: 'Dify deepseek' } },
    });
    expect(workflow.connections['Ask Model']).toEqual({
      ai_languageModel: [[{ node: 'Ask', type: 'ai_languageModel', index: 0 }]],
    });
    expect(report.nodes.find((n) => n.node === 'Ask')?.warnings.join(' ')).toContain(
      'OpenAI-compatible credential',
    );
  });

  const gpt = {
    provider: 'langgenius/openai/openai',
    name: 'gpt-4o-mini',
    mode: 'chat',
    completion_params: {},
  };

  test('question-classifier', 'classes become the Text Classifier’s categories and outputs, in order', () => {
    const { workflow, report } = importApp(
      registry,
      difyApp(
        [
          {
            id: 'x',
            data: {
              type: 'question-classifier',
              title: 'Route',
              model: gpt,
              query_variable_selector: ['start', 'q'],
              classes: [
                { id: 'c1', name: 'billing' },
                { id: 'c2', name: 'bug report' },
              ],
            },
          },
          { id: 'y', data: { type: 'end', title: 'Bugs', outputs: [] } },
        ],
        [
          { source: 'start', target: 'x' },
          { source: 'x', target: 'y', sourceHandle: 'c2' },
        ],
      ),
    );
    expect(report.validation.errors).toEqual([]);
    expect(nodeNamed(workflow, 'Route')).toMatchObject({
      type: 'guixu.textClassifier',
      parameters: {
        inputText: '={{ $("Start").first().json.q }}',
        categories: [
          { category: 'billing', description: '' },
          { category: 'bug report', description: '' },
        ],
      },
    });
    expect(workflow.connections.Route.main[1]).toEqual([{ node: 'Bugs', type: 'main', index: 0 }]);
    expect(nodeNamed(workflow, 'Route Model').type).toBe('guixu.lmChatOpenAi');
  });

  test(
    'parameter-extractor',
    'parameters become typed attributes, read downstream from output.<name>',
    () => {
      const { workflow, report } = importApp(
        registry,
        difyApp(
          [
            {
              id: 'x',
              data: {
                type: 'parameter-extractor',
                title: 'Extract',
                model: gpt,
                query: ['start', 'q'],
                parameters: [
                  { name: 'city', type: 'string', description: 'City name', required: true },
                  { name: 'nights', type: 'number', description: '', required: false },
                ],
              },
            },
            { id: 'y', data: { type: 'answer', title: 'Reply', answer: 'Booking {{#x.city#}}' } },
          ],
          [
            { source: 'start', target: 'x' },
            { source: 'x', target: 'y' },
          ],
          { mode: 'advanced-chat' },
        ),
      );
      expect(report.validation.errors).toEqual([]);
      expect(nodeNamed(workflow, 'Extract').parameters.attributes).toEqual([
        { name: 'city', type: 'string', description: 'City name', required: true },
        { name: 'nights', type: 'number', description: '', required: false },
      ]);
      expect(JSON.stringify(nodeNamed(workflow, 'Reply').parameters)).toContain(
        '$(\\"Extract\\").first().json.output.city',
      );
    },
  );

  test(
    'knowledge-retrieval',
    'searches the knowledge base with the dataset id, one item with `result`',
    () => {
      const { workflow, report } = importApp(
        registry,
        difyApp(
          [
            {
              id: 'k',
              data: {
                type: 'knowledge-retrieval',
                title: 'Search',
                dataset_ids: ['ds-1'],
                // Older apps name system variables through the start node.
                query_variable_selector: ['start', 'sys.query'],
                retrieval_mode: 'multiple',
                multiple_retrieval_config: { top_k: 6, score_threshold: 0.3, reranking_enable: true },
              },
            },
            { id: 'a', data: { type: 'answer', title: 'Answer', answer: '{{#k.result#}}' } },
          ],
          [
            { source: 'start', target: 'k' },
            { source: 'k', target: 'a' },
          ],
          { mode: 'advanced-chat' },
        ),
      );
      const node = nodeNamed(workflow, 'Search');
      expect(node.type).toBe('guixu.vectorStoreSqlite');
      expect(node.parameters).toEqual({
        mode: 'load',
        source: 'knowledgeBase',
        knowledgeBaseId: 'ds-1',
        prompt: '={{ $("Start").first().json.chatInput }}',
        topK: 6,
        minScore: 0.3,
        output: 'oneItem',
      });
      expect(report.validation.errors).toEqual([]);
      expect(JSON.stringify(report)).toContain('reranking');
    },
  );

  test('agent', 'the agent strategy node becomes an AI Agent with its model, instruction and query', () => {
    const { workflow, report } = importApp(
      registry,
      difyApp(
        [
          {
            id: 'g',
            data: {
              type: 'agent',
              title: 'Helper',
              agent_strategy_name: 'function_calling',
              agent_parameters: {
                model: {
                  type: 'constant',
                  value: {
                    provider: 'langgenius/openai/openai',
                    model: 'gpt-4o-mini',
                    completion_params: {},
                  },
                },
                instruction: { type: 'constant', value: 'Be brief.' },
                query: { type: 'constant', value: '{{#sys.query#}}' },
                maximum_iterations: { type: 'constant', value: 3 },
                tools: {
                  type: 'constant',
                  value: [{ enabled: true, provider_name: 'time', tool_name: 'current_time' }],
                },
              },
            },
          },
          { id: 'a', data: { type: 'answer', title: 'Answer', answer: '{{#g.text#}}' } },
        ],
        [
          { source: 'start', target: 'g' },
          { source: 'g', target: 'a' },
        ],
        { mode: 'advanced-chat' },
      ),
    );
    expect(nodeNamed(workflow, 'Helper')).toMatchObject({
      type: 'guixu.agent',
      parameters: {
        prompt: '={{ $("Start").first().json.chatInput }}',
        systemMessage: 'Be brief.',
        maxIterations: 3,
      },
    });
    expect(nodeNamed(workflow, 'Helper Model')).toMatchObject({
      type: 'guixu.lmChatOpenAi',
      parameters: { model: 'gpt-4o-mini' },
    });
    expect(JSON.stringify(nodeNamed(workflow, 'Answer').parameters)).toContain(
      '$(\\"Helper\\").first().json.output',
    );
    expect(report.validation.errors).toEqual([]);
    expect(JSON.stringify(report)).toContain('time/current_time');
  });

  test(
    'tool',
    'built-in current time becomes Date & Time; an unknown tool stays a placeholder naming it',
    () => {
      const { workflow } = importApp(
        registry,
        difyApp(
          [
            {
              id: 't',
              data: {
                type: 'tool',
                title: 'Now',
                provider_id: 'time',
                provider_type: 'builtin',
                tool_name: 'current_time',
                tool_configurations: { timezone: 'Asia/Shanghai' },
                tool_parameters: {},
              },
            },
            {
              id: 'u',
              data: {
                type: 'tool',
                title: 'Sheet',
                provider_id: 'feishu_spreadsheet',
                tool_name: 'add_rows',
              },
            },
          ],
          [
            { source: 'start', target: 't' },
            { source: 't', target: 'u' },
          ],
        ),
      );
      expect(nodeNamed(workflow, 'Now')).toMatchObject({
        type: 'guixu.dateTime',
        parameters: {
          operation: 'getCurrentDate',
          outputFieldName: 'text',
          options: { timezone: 'Asia/Shanghai' },
        },
      });
      const sheet = nodeNamed(workflow, 'Sheet');
      expect(sheet.type).toBe('guixu.placeholder');
      expect(JSON.stringify(sheet.parameters)).toContain('feishu_spreadsheet/add_rows');
    },
  );

  for (const ai of ['knowledge-retrieval', 'tool', 'agent']) {
    test(ai, 'AI nodes become placeholders that keep their configuration and outputs', () => {
      const data: Record<string, unknown> = { type: ai, title: 'AI', model: { name: 'gpt' } };
      if (ai === 'question-classifier')
        data.classes = [
          { id: 'c1', name: 'a' },
          { id: 'c2', name: 'b' },
        ];
      const { workflow, report } = importApp(
        registry,
        difyApp(
          [
            { id: 'x', data },
            { id: 'y', data: { type: 'answer', title: 'Next', answer: '{{#x.text#}}' } },
          ],
          [
            { source: 'start', target: 'x' },
            { source: 'x', target: 'y', sourceHandle: ai === 'question-classifier' ? 'c2' : 'source' },
          ],
        ),
      );
      const node = nodeNamed(workflow, 'AI');
      expect(node.type).toBe('guixu.placeholder');
      expect(node.parameters.originalParameters).toEqual(data);
      expect(report.validation.errors).toEqual([]);
      expect(workflow.connections.AI.main[ai === 'question-classifier' ? 1 : 0]).toEqual([
        { node: 'Next', type: 'main', index: 0 },
      ]);
    });
  }

  it('has a before/after example for every AI mapping file', () => {
    expect(uncovered((f) => AI_MAPPINGS.includes(f))).toEqual([]);
  });
});

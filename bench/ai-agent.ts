/**
 * AI Agent loop overhead (issue 11 target: ≤ 2 ms per step, model latency excluded).
 * The model is the local scripted provider server; one step = one model call plus
 * one Calculator call. Overhead per step = agent time per step − the time of the same
 * chat-completions call made directly with the SDK (HTTP + SSE parse on both sides).
 * Prints the best of ten batches; asserts nothing. Run: `npx tsx bench/ai-agent.ts`.
 */
import { createEngine, MemoryBinaryStore, systemClock, type Workflow } from '../packages/core/src/index.ts';
import { providerConnection } from '../packages/nodes/src/ai/model/provider.ts';
import { createChatModel } from '../packages/nodes/src/ai/model/chat-model.ts';
import { DEFAULT_CALL_POLICY } from '../packages/nodes/src/ai/model/call-policy.ts';
import { startProviderServer } from '../packages/nodes/src/ai/testing/provider-server.ts';
import { discoverNodes } from '../packages/nodes/src/index.ts';
import { runAgentLoop } from '../packages/nodes/src/ai/agent/agent-loop.ts';
import calculator from '../packages/nodes/src/ai/tool-calculator/tool-calculator.node.ts';
import type { AgentTool } from '../packages/nodes/src/ai/cluster/contracts.ts';
import type { ChatResponse } from '../packages/nodes/src/ai/model/chat-model.ts';
import { workflowNode } from '../packages/nodes/src/ai/testing/workflow-node.ts';

interface Result {
  name: string;
  value: number;
  unit: string;
  target?: string;
}

const STEPS = Number(process.env.AGENT_BENCH_STEPS ?? 20);
const BATCHES = 10;

const node = workflowNode;

const workflow: Workflow = {
  id: 'bench-agent',
  name: 'bench agent',
  nodes: [
    node('Start', 'guixu.manualTrigger'),
    node('Agent', 'guixu.agent', { maxIterations: STEPS + 1 }),
    {
      ...node('Model', 'guixu.lmChatOpenAi', { model: 'gpt-test' }),
      credentials: { openAiApi: { id: 'c', name: 'c' } },
    },
    node('Calculator', 'guixu.toolCalculator'),
  ],
  connections: {
    Start: { main: [[{ node: 'Agent', type: 'main', index: 0 }]] },
    Model: { ai_languageModel: [[{ node: 'Agent', type: 'ai_languageModel', index: 0 }]] },
    Calculator: { ai_tool: [[{ node: 'Agent', type: 'ai_tool', index: 0 }]] },
  },
  settings: {},
};

export default async function bench(): Promise<Result[]> {
  const server = await startProviderServer();
  const registry = await discoverNodes();
  const engine = createEngine({
    registry,
    services: { binary: new MemoryBinaryStore(), clock: systemClock },
    credentials: { get: async () => ({ apiKey: 'k', baseUrl: server.baseUrl }) },
  });
  const toolStep = { toolCalls: [{ name: 'calculator', arguments: '{"expression":"(1+2)*3"}' }] };
  const direct = createChatModel({
    connection: providerConnection('openai', { apiKey: 'k', baseUrl: server.baseUrl }),
    models: ['gpt-test'],
    settings: {},
    policy: DEFAULT_CALL_POLICY,
  });
  let bestAgent = Number.POSITIVE_INFINITY;
  let bestDirect = Number.POSITIVE_INFINITY;
  try {
    for (let batch = 0; batch < BATCHES; batch++) {
      server.reply(...Array.from({ length: STEPS }, () => toolStep), { text: 'done' });
      const started = performance.now();
      const state = engine.start(workflow, {
        executionId: `b${batch}`,
        mode: 'manual',
        triggerItems: [{ json: { chatInput: 'go' } }],
      });
      await engine.run(workflow, state);
      if (state.status !== 'success')
        throw new Error(`agent run failed: ${JSON.stringify(state.runData.Agent?.[0]?.error)}`);
      bestAgent = Math.min(bestAgent, (performance.now() - started) / (STEPS + 1));

      const messages = [{ role: 'user' as const, content: 'go' }];
      server.reply(...Array.from({ length: STEPS + 1 }, () => ({ text: 'done' })));
      const directStart = performance.now();
      for (let i = 0; i <= STEPS; i++) await direct.generate({ messages }, new AbortController().signal);
      bestDirect = Math.min(bestDirect, (performance.now() - directStart) / (STEPS + 1));
    }
  } finally {
    await server.close();
  }
  const inProcess = await loopOnly();
  return [
    {
      name: 'agent loop alone (model answers in-process, Calculator runs), per step',
      value: round(inProcess),
      unit: 'ms/step',
      target: '≤ 2',
    },
    {
      name: `agent step (model call + calculator), ${STEPS}-step run`,
      value: round(bestAgent),
      unit: 'ms/step',
    },
    { name: 'direct SDK chat call to the same local server', value: round(bestDirect), unit: 'ms/call' },
    {
      name: 'agent loop overhead per step',
      value: round(bestAgent - bestDirect),
      unit: 'ms/step',
      target: '≤ 2',
    },
  ];
}

/** The loop's own cost: model answers come from memory, the Calculator really runs. */
async function loopOnly(): Promise<number> {
  const tool = calculator.supplyData?.({} as never, 0) as AgentTool;
  const usage = { provider: 'local', model: 'm', inputTokens: 1, outputTokens: 1, latencyMs: 0 };
  const toolAnswer = (i: number): ChatResponse => ({
    text: '',
    toolCalls: [{ id: `c${i}`, name: 'calculator', input: { expression: '(1+2)*3' } }],
    messages: [
      {
        role: 'assistant',
        content: [
          {
            type: 'tool-call',
            toolCallId: `c${i}`,
            toolName: 'calculator',
            input: { expression: '(1+2)*3' },
          },
        ],
      },
    ],
    finishReason: 'tool-calls',
    usage,
    attempts: [],
  });
  let best = Number.POSITIVE_INFINITY;
  for (let batch = 0; batch < BATCHES; batch++) {
    let call = 0;
    const model = {
      generate: async () =>
        call++ < STEPS ? toolAnswer(call) : { ...toolAnswer(call), toolCalls: [], text: 'done' },
      take: () => ({}),
    };
    const started = performance.now();
    for (let run = 0; run < 20; run++) {
      call = 0;
      await runAgentLoop({
        model,
        tools: [tool],
        messages: [{ role: 'user', content: 'go' }],
        maxIterations: STEPS + 1,
        onToolError: 'fail',
        signal: new AbortController().signal,
      });
    }
    best = Math.min(best, (performance.now() - started) / (20 * (STEPS + 1)));
  }
  return best;
}

const round = (n: number) => Math.round(n * 1000) / 1000;

if (import.meta.url === `file://${process.argv[1]}`) {
  for (const row of await bench())
    console.log(`${row.name}: ${row.value} ${row.unit}${row.target ? ` (target ${row.target})` : ''}`);
}

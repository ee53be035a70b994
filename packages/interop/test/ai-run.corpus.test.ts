/**
 * Imported AI workflows of the corpus run against the local provider server: the n8n
 * files and Dify chatflows whose nodes all map and stay off the network (chat models,
 * agents, chains, memory, parsers, embeddings, vector stores, splitters, loaders, and
 * plain data nodes). Every model call is answered by the local server (structured
 * requests with `{}`), every embedding by a bag of words; knowledge bases by a stub host.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createEngine, MemoryBinaryStore, systemClock, type Workflow } from '@guixu/core';
import { builtinNodes } from '@guixu/nodes';
import { parse } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bagOfWords } from '../../nodes/src/ai/testing/bag-of-words.ts';
import { type ProviderServer, startProviderServer } from '../../nodes/src/ai/testing/provider-server.ts';
import { importDify, importN8n } from '../src/index.ts';
import { FIXTURES } from './corpus.ts';

const registry = await builtinNodes();
let server: ProviderServer;
beforeAll(async () => {
  server = await startProviderServer({
    anyModel: true,
    embed: (text) => bagOfWords(text),
    fallback: (request) => {
      const format = request.body.response_format as { json_schema?: { schema?: unknown } } | undefined;
      // JSON mode without a schema (OpenAI-compatible servers): the Text Classifier's categories are in its prompt.
      if (format && !format.json_schema) {
        const category = /\n- ([^\n:]+)/.exec(
          JSON.stringify(request.body.messages).replaceAll('\\n', '\n'),
        )?.[1];
        return { text: JSON.stringify(category ? { categories: [category] } : {}) };
      }
      if (format) return { text: JSON.stringify(sample(format.json_schema?.schema)) };
      return { text: parserAnswer(request.body.messages) ?? 'A local answer.' };
    },
  });
});
afterAll(() => server.close());

/**
 * What a model answers when a connected Output Parser's instructions end the prompt
 * (`cluster/output-parser.ts` and the parser nodes): JSON fitting the schema given,
 * or a list of lines.
 */
function parserAnswer(messages: unknown): string | undefined {
  const text = (Array.isArray(messages) ? messages : [])
    .map((m: { content?: unknown }) =>
      typeof m.content === 'string' ? m.content : JSON.stringify(m.content),
    )
    .join('\n');
  const schema = /fits this JSON Schema, without any other text:\n(.+)$/m.exec(text)?.[1];
  if (schema) {
    try {
      return JSON.stringify(sample(JSON.parse(schema)));
    } catch {
      return undefined;
    }
  }
  return text.includes('Your answer must be a list of') ? 'first\nsecond' : undefined;
}

/** A value fitting a JSON Schema (first enum value, required properties): what a structured answer returns. */
function sample(schema: unknown): unknown {
  if (typeof schema !== 'object' || schema === null) return {};
  const s = schema as Record<string, unknown>;
  if (Array.isArray(s.enum)) return s.enum[0];
  if (Array.isArray(s.anyOf)) return sample(s.anyOf[0]);
  switch (s.type) {
    case 'object': {
      const properties = (s.properties ?? {}) as Record<string, unknown>;
      return Object.fromEntries(Object.entries(properties).map(([key, value]) => [key, sample(value)]));
    }
    case 'array':
      return [sample(s.items)];
    case 'number':
    case 'integer':
      return 1;
    case 'boolean':
      return true;
    case 'null':
      return null;
    default:
      return 'A local answer.';
  }
}

/**
 * Files that do not run here, and why: what they need is outside these nodes'
 * reach (an assertion fails when one of them starts to run, so the list stays true).
 */
const KNOWN: Record<string, string> = {
  'svcvit__旅行Demo.yml':
    'the agent query is an array conversation variable; the AI Agent prompt must be text',
  'wwwzhouhui__68-dify案例分享-用 Dify 一键搭建中药科普工作流，文字 + 图片 + 视频全搞定.yml':
    'an Answer reads a node on a branch that did not run (Dify renders it empty; expressions refuse it)',
};

/** Node types that run here without the network. */
const OFFLINE = new Set([
  'guixu.manualTrigger',
  'guixu.chatTrigger',
  'guixu.set',
  'guixu.if',
  'guixu.noOp',
  'guixu.stickyNote',
  'guixu.merge',
  'guixu.agent',
  'guixu.chainLlm',
  'guixu.lmChatOpenAi',
  'guixu.lmChatAnthropic',
  'guixu.lmChatOpenAiCompatible',
  'guixu.memoryBufferWindow',
  'guixu.toolCalculator',
  'guixu.outputParserStructured',
  'guixu.outputParserItemList',
  'guixu.outputParserAutofixing',
  'guixu.embeddingsOpenAi',
  'guixu.embeddingsOpenAiCompatible',
  'guixu.vectorStoreSqlite',
  'guixu.documentDefaultDataLoader',
  'guixu.textSplitterRecursiveCharacter',
  'guixu.textSplitterTokenSplitter',
  'guixu.textClassifier',
  'guixu.informationExtractor',
  'guixu.sentimentAnalysis',
  'guixu.chainSummarization',
]);
const isAi = (w: Workflow) => w.nodes.some((n) => n.type === 'guixu.agent' || n.type === 'guixu.chainLlm');

interface Candidate {
  file: string;
  workflow: Workflow;
  /** The trigger item: the chat fields, and a sample value for each Dify start variable. */
  input: Record<string, unknown>;
}

const CHAT = { sessionId: 'corpus', action: 'sendMessage', chatInput: 'Hello, what can you do?' };

function difyStartVariables(text: string): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  try {
    const app = parse(text) as { workflow?: { graph?: { nodes?: { data?: Record<string, unknown> }[] } } };
    for (const node of app.workflow?.graph?.nodes ?? []) {
      if (node.data?.type !== 'start' || !Array.isArray(node.data.variables)) continue;
      for (const variable of node.data.variables as Record<string, unknown>[]) {
        const name = String(variable.variable ?? '');
        if (!name) continue;
        out[name] = variable.type === 'number' ? 3 : 'A sample input for the imported workflow.';
      }
    }
  } catch {
    // the importer already refused it
  }
  return out;
}

function candidates(folder: 'n8n' | 'dify'): Candidate[] {
  let files: string[];
  try {
    files = readdirSync(join(FIXTURES, folder)).sort();
  } catch {
    return [];
  }
  const out: Candidate[] = [];
  for (const file of files) {
    try {
      const text = readFileSync(join(FIXTURES, folder, file), 'utf8');
      const { workflow, report } =
        folder === 'n8n'
          ? importN8n(text, { registry, fileName: file })
          : importDify(text, { registry, fileName: file });
      if (report.validation.errors.length > 0 || !isAi(workflow)) continue;
      if (workflow.nodes.every((n) => OFFLINE.has(n.type) && !n.disabled)) {
        out.push({
          file,
          workflow,
          input: { ...CHAT, ...(folder === 'dify' ? difyStartVariables(text) : {}) },
        });
      }
    } catch {
      // refused or invalid files are the import suites' business
    }
  }
  return out;
}

async function run(candidate: Candidate) {
  const searched: string[] = [];
  const engine = createEngine({
    registry,
    services: {
      binary: new MemoryBinaryStore(),
      clock: systemClock,
      codeSandboxTenant: `corpus-${process.pid}`,
      aiVectorStore: {
        async searchKnowledgeBase(query: { knowledgeBaseId: string }) {
          searched.push(query.knowledgeBaseId);
          return [{ documentId: 'd', text: 'A passage.', metadata: { source: 'doc.md' }, score: 0.9 }];
        },
      },
    },
    credentials: { get: async () => ({ apiKey: 'k', baseUrl: server.baseUrl, preset: 'custom' }) },
  });
  const state = engine.start(candidate.workflow, {
    executionId: `corpus-${candidate.file}`,
    mode: 'manual',
    triggerItems: [{ json: candidate.input as Record<string, never> }],
  });
  await engine.run(candidate.workflow, state);
  return state;
}

describe('imported AI workflows of the corpus run against the local provider server', () => {
  for (const folder of ['n8n', 'dify'] as const) {
    it(`${folder}: every offline AI workflow that imports cleanly runs to success`, async () => {
      const found = candidates(folder);
      const failures: string[] = [];
      const stillKnown: string[] = [];
      for (const candidate of found) {
        const state = await run(candidate);
        if (KNOWN[candidate.file] !== undefined) {
          if (state.status !== 'success') stillKnown.push(candidate.file);
          continue;
        }
        if (state.status !== 'success') {
          const error = Object.entries(state.runData)
            .flatMap(([node, runs]) =>
              runs.map((r) => (r.error ? `${node}: ${r.error.code} ${r.error.message}` : '')),
            )
            .filter(Boolean)
            .join('; ');
          failures.push(`${candidate.file}: ${state.status} ${error}`);
        }
      }
      console.log(
        `${folder}: ${found.length} offline AI workflows ran: ${found.length - failures.length - stillKnown.length} succeeded, ${stillKnown.length} known gaps`,
      );
      expect(failures).toEqual([]);
      const known = found.filter((c) => KNOWN[c.file] !== undefined).map((c) => c.file);
      expect(stillKnown).toEqual(known);
    }, 180_000);
  }
});

/**
 * Shared by the AI server tests (usage, chat, prompt templates): a project with a
 * model credential pointing at the local provider server, and small AI workflows.
 */
import type { Workflow } from '@guixu/core';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { type Identity, json } from '../security/testing/identities.ts';

export const MODEL_KEY = 'sk-server-test-secret';

type NodeSpec = { name: string; type: string; parameters?: Record<string, unknown> } & Record<
  string,
  unknown
>;

async function post(app: FastifyInstance, who: Identity, url: string, payload: unknown): Promise<unknown> {
  const res = await app.inject({ method: 'POST', url, headers: who.headers, payload: payload as object });
  if (res.statusCode >= 300) throw new Error(`POST ${url} failed: ${res.statusCode} ${res.body}`);
  return json(res);
}

const idOf = (value: unknown) => z.object({ id: z.string() }).parse(value).id;

/** An OpenAI credential of `projectId` calling the local provider server. */
export async function modelCredential(
  app: FastifyInstance,
  who: Identity,
  projectId: string,
  baseUrl: string,
): Promise<string> {
  return idOf(
    await post(app, who, '/api/v1/credentials', {
      name: 'Local model',
      type: 'openAiApi',
      projectId,
      data: { apiKey: MODEL_KEY, baseUrl },
    }),
  );
}

/**
 * Trigger → root (`guixu.agent` or `guixu.chainLlm`) with an OpenAI chat model, and a
 * Window Buffer Memory when asked.
 */
export function aiWorkflow(options: {
  name: string;
  credentialId: string;
  root?: 'guixu.agent' | 'guixu.chainLlm';
  rootParameters?: Record<string, unknown>;
  trigger?: NodeSpec;
  memory?: boolean;
}): Pick<Workflow, 'name' | 'nodes' | 'connections' | 'settings'> {
  const trigger = options.trigger ?? { name: 'Start', type: 'guixu.manualTrigger' };
  const specs: NodeSpec[] = [
    trigger,
    { name: 'Root', type: options.root ?? 'guixu.agent', parameters: options.rootParameters ?? {} },
    {
      name: 'Model',
      type: 'guixu.lmChatOpenAi',
      parameters: { model: 'gpt-test', options: { maxRetries: 0 } },
      credentials: { openAiApi: { id: options.credentialId, name: 'Local model' } },
    },
    ...(options.memory ? [{ name: 'Memory', type: 'guixu.memoryBufferWindow', parameters: {} }] : []),
  ];
  const connections: Workflow['connections'] = {
    [trigger.name]: { main: [[{ node: 'Root', type: 'main', index: 0 }]] },
    Model: { ai_languageModel: [[{ node: 'Root', type: 'ai_languageModel', index: 0 }]] },
    ...(options.memory ? { Memory: { ai_memory: [[{ node: 'Root', type: 'ai_memory', index: 0 }]] } } : {}),
  };
  return {
    name: options.name,
    nodes: specs.map((spec, i) => ({
      id: `n${i}`,
      typeVersion: 1,
      position: [i * 200, 0] as [number, number],
      parameters: {},
      ...spec,
    })),
    connections,
    settings: {},
  };
}

export async function createWorkflowIn(
  app: FastifyInstance,
  who: Identity,
  projectId: string,
  workflow: Pick<Workflow, 'name' | 'nodes' | 'connections' | 'settings'>,
): Promise<string> {
  return idOf(await post(app, who, '/api/v1/workflows', { ...workflow, projectId }));
}

const runAnswer = z.object({
  executionId: z.string(),
  status: z.string(),
  error: z.object({ code: z.string(), message: z.string() }).passthrough().nullable().optional(),
  items: z.array(z.object({ json: z.record(z.string(), z.unknown()) })).optional(),
});

/** Runs a stored workflow to its end with one input item. */
export async function runWith(
  app: FastifyInstance,
  who: Identity,
  workflowId: string,
  input: Record<string, unknown>,
) {
  return runAnswer.parse(await post(app, who, `/api/v1/workflows/${workflowId}/run`, { input, wait: true }));
}

import type { Identity } from './identities.ts';
import { cells, createAs, type MatrixCase, type World } from './isolation-matrix.ts';
import { fail, unique } from './security-cases.ts';

// Shapes of the answers for AI resources of project A (see security-cases.ts for the personas).
const readInA = cells('allow', { bEditor: 404, anonymous: 401 });
/** The read-only key has no promptTemplate scope. */
const readInANoKey = cells('allow', { bEditor: 404, anonymous: 401, aEditorReadKey: 403 });
const writeInA = cells('allow', { aViewer: 403, bEditor: 404, anonymous: 401, aEditorReadKey: 403 });
const adminOfA = cells('allow', {
  aEditor: 403,
  aViewer: 403,
  bEditor: 404,
  anonymous: 401,
  aEditorReadKey: 403,
});
const anyUserNoKey = cells('allow', { anonymous: 401, aEditorReadKey: 403 });

const owner = (w: World): Identity => w.who.owner ?? fail();

const price = (w: World) => ({
  projectId: w.projectA,
  model: unique('model-'),
  inputPerMillion: 1,
  outputPerMillion: 2,
  currency: 'USD',
});
const template = (w: World) => ({ projectId: w.projectA, name: unique('Template '), prompt: 'Hi {{name}}' });

/**
 * A price, a prompt template and a model credential of project A (the workflow and
 * execution come from workflow-cases.ts); `modelBaseUrl` is a local provider server's.
 */
export async function seedAiResources(w: World, modelBaseUrl: string): Promise<Record<string, string>> {
  return {
    price: await createAs(w.app, owner(w), '/api/v1/ai/prices', price(w)),
    promptTemplate: await createAs(w.app, owner(w), '/api/v1/prompt-templates', template(w)),
    modelCredential: await createAs(w.app, owner(w), '/api/v1/credentials', {
      name: unique('model-'),
      type: 'openAiCompatibleApi',
      projectId: w.projectA,
      data: { baseUrl: modelBaseUrl, apiKey: 'sk-matrix-secret' },
    }),
  };
}

const freshPrice = async (w: World) => ({
  fresh: await createAs(w.app, owner(w), '/api/v1/ai/prices', price(w)),
});
const freshTemplate = async (w: World) => ({
  fresh: await createAs(w.app, owner(w), '/api/v1/prompt-templates', template(w)),
});
const pt = (path = '') => ({
  url: (_w: World, ids: Record<string, string>) => `/api/v1/prompt-templates/${ids.promptTemplate}${path}`,
});
const chat = (path = '') => ({
  url: (_w: World, ids: Record<string, string>) => `/api/v1/workflows/${ids.workflow}/chat-sessions${path}`,
});

/** The route × role matrix for AI usage, prices, budgets, prompt templates and chat history. */
export const AI_CASES: MatrixCase[] = [
  {
    // Use the credential and edit the workflow: viewers and the read-only key may not.
    route: 'GET /api/v1/credentials/:id/options/:list',
    url: (_w, ids) => `/api/v1/credentials/${ids.modelCredential}/options/models?workflowId=${ids.workflow}`,
    expect: writeInA,
  },
  { route: 'GET /api/v1/ai/usage', url: (w) => `/api/v1/ai/usage?projectId=${w.projectA}`, expect: readInA },
  {
    route: 'GET /api/v1/executions/:id/ai-usage',
    url: (_w, ids) => `/api/v1/executions/${ids.failedExecution}/ai-usage`,
    expect: readInA,
  },
  {
    route: 'GET /api/v1/ai/prices',
    url: (w) => `/api/v1/ai/prices?projectId=${w.projectA}`,
    expect: readInA,
  },
  {
    route: 'POST /api/v1/ai/prices',
    url: () => '/api/v1/ai/prices',
    payload: (w) => price(w),
    expect: adminOfA,
  },
  {
    route: 'PATCH /api/v1/ai/prices/:id',
    url: (_w, ids) => `/api/v1/ai/prices/${ids.price}`,
    payload: () => ({ outputPerMillion: 3 }),
    expect: adminOfA,
  },
  {
    route: 'DELETE /api/v1/ai/prices/:id',
    url: (_w, ids) => `/api/v1/ai/prices/${ids.fresh}`,
    fresh: freshPrice,
    expect: adminOfA,
  },
  {
    route: 'GET /api/v1/projects/:id/ai-budget',
    url: (w) => `/api/v1/projects/${w.projectA}/ai-budget`,
    expect: readInA,
  },
  {
    route: 'PUT /api/v1/projects/:id/ai-budget',
    url: (w) => `/api/v1/projects/${w.projectA}/ai-budget`,
    payload: () => ({ monthlyLimit: null }),
    expect: adminOfA,
  },
  { route: 'GET /api/v1/prompt-templates', url: () => '/api/v1/prompt-templates', expect: anyUserNoKey },
  {
    route: 'POST /api/v1/prompt-templates',
    url: () => '/api/v1/prompt-templates',
    payload: (w) => template(w),
    expect: writeInA,
  },
  { route: 'GET /api/v1/prompt-templates/:id', ...pt(), expect: readInANoKey },
  {
    route: 'PATCH /api/v1/prompt-templates/:id',
    ...pt(),
    payload: () => ({ description: unique('desc ') }),
    expect: writeInA,
  },
  {
    route: 'DELETE /api/v1/prompt-templates/:id',
    url: (_w, ids) => `/api/v1/prompt-templates/${ids.fresh}`,
    fresh: freshTemplate,
    expect: writeInA,
  },
  { route: 'GET /api/v1/prompt-templates/:id/versions', ...pt('/versions'), expect: readInANoKey },
  { route: 'GET /api/v1/prompt-templates/:id/versions/:version', ...pt('/versions/1'), expect: readInANoKey },
  {
    route: 'POST /api/v1/prompt-templates/:id/preview',
    ...pt('/preview'),
    payload: () => ({ values: { name: 'Ada' } }),
    expect: readInANoKey,
  },
  { route: 'GET /api/v1/workflows/:id/chat-sessions', ...chat(), expect: readInA },
  { route: 'GET /api/v1/workflows/:id/chat-sessions/:sessionId', ...chat('/s1'), expect: readInA },
  { route: 'DELETE /api/v1/workflows/:id/chat-sessions/:sessionId', ...chat('/s1'), expect: writeInA },
];

import type { Identity } from './identities.ts';
import { cells, createAs, type MatrixCase, type World } from './isolation-matrix.ts';
import { fail, unique } from './security-cases.ts';

// Knowledge bases of project A (see security-cases.ts for the personas). The read-only key has no knowledgeBase scope.
const readInA = cells('allow', { bEditor: 404, anonymous: 401, aEditorReadKey: 403 });
const writeInA = cells('allow', { aViewer: 403, bEditor: 404, anonymous: 401, aEditorReadKey: 403 });
/** Listing without a project: everyone signed in may ask (the answer is scoped). */
const anyUserNoKey = cells('allow', { anonymous: 401, aEditorReadKey: 403 });

const owner = (w: World): Identity => w.who.owner ?? fail();

/** An embedding credential of project A (never called: the matrix uploads nothing that needs embedding). */
const embeddingCredential = (w: World) => ({
  name: unique('embeddings'),
  type: 'openAiCompatibleApi',
  projectId: w.projectA,
  data: { baseUrl: 'http://127.0.0.1:9/v1', preset: 'custom' },
});
const knowledgeBase = (w: World, credentialId: string) => ({
  projectId: w.projectA,
  name: unique('Handbook '),
  embedding: { credentialId, model: 'embed' },
});
/** A PDF that is not one: it fails at text extraction, before any embedding. */
const brokenFile = {
  files: [{ name: 'broken.pdf', base64: Buffer.from('%PDF-1.4 broken').toString('base64') }],
};

export async function seedKnowledgeResources(w: World): Promise<Record<string, string>> {
  const embeddingsCredential = await createAs(w.app, owner(w), '/api/v1/credentials', embeddingCredential(w));
  const knowledgeBaseId = await createAs(
    w.app,
    owner(w),
    '/api/v1/knowledge-bases',
    knowledgeBase(w, embeddingsCredential),
  );
  return { embeddingsCredential, knowledgeBase: knowledgeBaseId };
}

async function freshBase(w: World): Promise<Record<string, string>> {
  const credential = await createAs(w.app, owner(w), '/api/v1/credentials', embeddingCredential(w));
  return { fresh: await createAs(w.app, owner(w), '/api/v1/knowledge-bases', knowledgeBase(w, credential)) };
}

async function freshDocument(w: World): Promise<Record<string, string>> {
  const { fresh } = await freshBase(w);
  const answer = await w.app.inject({
    method: 'POST',
    url: `/api/v1/knowledge-bases/${fresh}/documents`,
    headers: owner(w).headers,
    payload: brokenFile,
  });
  const document = (answer.json() as { data: { id: string }[] }).data[0]?.id ?? fail();
  return { fresh: fresh ?? fail(), document };
}

const kb = (path = '') => ({
  url: (_w: World, ids: Record<string, string>) => `/api/v1/knowledge-bases/${ids.knowledgeBase}${path}`,
});
const freshKb = (path = '') => ({
  url: (_w: World, ids: Record<string, string>) => `/api/v1/knowledge-bases/${ids.fresh}${path}`,
});

export const KNOWLEDGE_CASES: MatrixCase[] = [
  { route: 'GET /api/v1/knowledge-bases', url: () => '/api/v1/knowledge-bases', expect: anyUserNoKey },
  {
    route: 'POST /api/v1/knowledge-bases',
    url: () => '/api/v1/knowledge-bases',
    payload: (w, ids) => knowledgeBase(w, ids.embeddingsCredential ?? fail()),
    expect: writeInA,
  },
  { route: 'GET /api/v1/knowledge-bases/:id', ...kb(), expect: readInA },
  {
    route: 'PATCH /api/v1/knowledge-bases/:id',
    ...kb(),
    payload: () => ({ description: 'changed' }),
    expect: writeInA,
  },
  { route: 'DELETE /api/v1/knowledge-bases/:id', ...freshKb(), fresh: freshBase, expect: writeInA },
  { route: 'GET /api/v1/knowledge-bases/:id/documents', ...kb('/documents'), expect: readInA },
  {
    route: 'POST /api/v1/knowledge-bases/:id/documents',
    ...kb('/documents'),
    payload: () => brokenFile,
    expect: writeInA,
  },
  {
    route: 'POST /api/v1/knowledge-bases/:id/documents/stream',
    ...kb('/documents/stream'),
    payload: () => brokenFile,
    expect: writeInA,
  },
  {
    route: 'DELETE /api/v1/knowledge-bases/:id/documents/:documentId',
    url: (_w, ids) => `/api/v1/knowledge-bases/${ids.fresh}/documents/${ids.document}`,
    fresh: freshDocument,
    expect: writeInA,
  },
  { route: 'POST /api/v1/knowledge-bases/:id/reindex', ...kb('/reindex'), expect: writeInA },
  { route: 'POST /api/v1/knowledge-bases/:id/reindex/stream', ...kb('/reindex/stream'), expect: writeInA },
  {
    route: 'POST /api/v1/knowledge-bases/:id/search',
    ...kb('/search'),
    payload: () => ({ query: 'leave' }),
    expect: readInA,
  },
];

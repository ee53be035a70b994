import { z } from 'zod';
import { idParamsSchema, idSchema, timestampSchema } from './common.ts';
import { defineRoute } from './contract.ts';

/** How documents are cut into chunks before they are embedded. */
export const knowledgeChunkingSchema = z
  .object({
    splitter: z.enum(['recursive', 'markdown']).default('recursive'),
    /** In characters. */
    chunkSize: z.number().int().min(50).max(20_000).default(1000),
    chunkOverlap: z.number().int().min(0).max(5_000).default(200),
  })
  .refine((c) => c.chunkOverlap < c.chunkSize, { message: 'chunkOverlap must be smaller than chunkSize' })
  .meta({ id: 'KnowledgeChunking' });

/** The embedding model: a credential of the knowledge base's project and a model it serves. */
export const knowledgeEmbeddingSchema = z
  .object({
    credentialId: idSchema,
    credentialType: z.enum(['openAiApi', 'openAiCompatibleApi']).default('openAiCompatibleApi'),
    model: z.string().trim().min(1).max(200),
    /** Inputs per embedding request. */
    batchSize: z.number().int().min(1).max(2048).default(64),
  })
  .meta({ id: 'KnowledgeEmbedding' });

/**
 * Where the chunks live: sqlite-vec in the embedded database, pgvector on a
 * PostgreSQL that has it, else an exact scan in PostgreSQL (no index).
 */
export const knowledgeStorageSchema = z.enum(['sqlite-vec', 'pgvector', 'postgres-exact']);

export const knowledgeBaseSchema = z
  .object({
    id: z.string(),
    projectId: z.string(),
    name: z.string(),
    description: z.string(),
    chunking: knowledgeChunkingSchema,
    embedding: knowledgeEmbeddingSchema,
    storage: knowledgeStorageSchema,
    documentCount: z.number().int(),
    chunkCount: z.number().int(),
    createdAt: timestampSchema,
    updatedAt: timestampSchema,
  })
  .meta({ id: 'KnowledgeBase' });
export type KnowledgeBase = z.infer<typeof knowledgeBaseSchema>;

export const knowledgeDocumentStatusSchema = z.enum(['pending', 'indexing', 'ready', 'failed']);
export const knowledgeDocumentSchema = z
  .object({
    id: z.string(),
    knowledgeBaseId: z.string(),
    name: z.string(),
    mimeType: z.string(),
    /** Characters of extracted text. */
    size: z.number().int(),
    status: knowledgeDocumentStatusSchema,
    error: z.object({ code: z.string(), message: z.string() }).nullable(),
    chunkCount: z.number().int(),
    createdAt: timestampSchema,
    updatedAt: timestampSchema,
  })
  .meta({ id: 'KnowledgeDocument' });
export type KnowledgeDocument = z.infer<typeof knowledgeDocumentSchema>;

/** One file to add: its text, or its bytes in base64 (PDF, HTML, JSON, CSV, Markdown, text). */
export const knowledgeFileSchema = z
  .object({
    name: z.string().trim().min(1).max(255),
    mimeType: z.string().max(200).optional(),
    text: z.string().max(20_000_000).optional(),
    base64: z.string().max(30_000_000).optional(),
  })
  .strict()
  .refine((f) => (f.text === undefined) !== (f.base64 === undefined), {
    message: 'give either text or base64',
  })
  .meta({ id: 'KnowledgeFile' });

/** A progress event of an upload or a re-index (the SSE `data` of the streaming routes). */
export const knowledgeProgressSchema = z
  .object({
    type: z.enum(['document', 'done']),
    documentId: z.string().optional(),
    name: z.string().optional(),
    status: knowledgeDocumentStatusSchema.optional(),
    stage: z.enum(['extract', 'split', 'embed', 'store']).optional(),
    chunksDone: z.number().int().optional(),
    chunksTotal: z.number().int().optional(),
    error: z.object({ code: z.string(), message: z.string() }).optional(),
  })
  .meta({ id: 'KnowledgeProgress' });
export type KnowledgeProgress = z.infer<typeof knowledgeProgressSchema>;

export const knowledgeHitSchema = z
  .object({
    documentId: z.string(),
    /** The source document's name (for citations). */
    source: z.string(),
    text: z.string(),
    score: z.number(),
    /** Chunk number and character positions in the document's text. */
    chunk: z.number().int(),
    start: z.number().int(),
    end: z.number().int(),
    metadata: z.record(z.string(), z.unknown()),
  })
  .meta({ id: 'KnowledgeHit' });

const tags = ['Knowledge bases'] as const;
const base = '/api/v1/knowledge-bases';
const documentParams = z.object({ id: idSchema, documentId: idSchema });
const filesBody = z.object({ files: z.array(knowledgeFileSchema).min(1).max(100) }).strict();
const documentList = z.object({ data: z.array(knowledgeDocumentSchema) });
const SSE = 'text/event-stream';
const SSE_NOTE =
  'Answers as Server-Sent Events: one `progress` event per step of each document (`KnowledgeProgress` as data), then `done`.';

export const knowledgeBaseRoutes = {
  list: defineRoute({
    method: 'GET',
    path: base,
    operationId: 'listKnowledgeBases',
    summary: 'Knowledge bases of the projects I can see',
    tags,
    query: z.object({ projectId: idSchema.optional() }),
    response: z.object({ data: z.array(knowledgeBaseSchema) }),
    errors: [401],
  }),
  create: defineRoute({
    method: 'POST',
    path: base,
    operationId: 'createKnowledgeBase',
    summary: 'Create a knowledge base',
    tags,
    body: z
      .object({
        projectId: idSchema.optional(),
        name: z.string().trim().min(1).max(128),
        description: z.string().max(2000).default(''),
        chunking: knowledgeChunkingSchema.default({
          splitter: 'recursive',
          chunkSize: 1000,
          chunkOverlap: 200,
        }),
        embedding: knowledgeEmbeddingSchema,
      })
      .strict(),
    response: knowledgeBaseSchema,
    status: 201,
    errors: [401, 403, 404],
  }),
  get: defineRoute({
    method: 'GET',
    path: `${base}/:id`,
    operationId: 'getKnowledgeBase',
    summary: 'A knowledge base',
    tags,
    params: idParamsSchema,
    response: knowledgeBaseSchema,
    errors: [401, 404],
  }),
  update: defineRoute({
    method: 'PATCH',
    path: `${base}/:id`,
    operationId: 'updateKnowledgeBase',
    summary: 'Change a knowledge base (new chunking or embedding settings apply at the next re-index)',
    tags,
    params: idParamsSchema,
    body: z
      .object({
        name: z.string().trim().min(1).max(128).optional(),
        description: z.string().max(2000).optional(),
        chunking: knowledgeChunkingSchema.optional(),
        embedding: knowledgeEmbeddingSchema.optional(),
      })
      .strict(),
    response: knowledgeBaseSchema,
    errors: [401, 403, 404],
  }),
  delete: defineRoute({
    method: 'DELETE',
    path: `${base}/:id`,
    operationId: 'deleteKnowledgeBase',
    summary: 'Delete a knowledge base with its documents and chunks',
    tags,
    params: idParamsSchema,
    status: 204,
    errors: [401, 403, 404],
  }),
  listDocuments: defineRoute({
    method: 'GET',
    path: `${base}/:id/documents`,
    operationId: 'listKnowledgeDocuments',
    summary: 'Documents of a knowledge base with their indexing status',
    tags,
    params: idParamsSchema,
    response: documentList,
    errors: [401, 404],
  }),
  upload: defineRoute({
    method: 'POST',
    path: `${base}/:id/documents`,
    operationId: 'uploadKnowledgeDocuments',
    summary: 'Add documents: extracted, split, embedded and stored before the answer',
    tags,
    params: idParamsSchema,
    body: filesBody,
    response: documentList,
    status: 201,
    errors: [401, 403, 404],
  }),
  uploadStream: defineRoute({
    method: 'POST',
    path: `${base}/:id/documents/stream`,
    operationId: 'uploadKnowledgeDocumentsStreaming',
    summary: 'Add documents, with progress events',
    description: SSE_NOTE,
    tags,
    params: idParamsSchema,
    body: filesBody,
    produces: SSE,
    errors: [401, 403, 404],
  }),
  deleteDocument: defineRoute({
    method: 'DELETE',
    path: `${base}/:id/documents/:documentId`,
    operationId: 'deleteKnowledgeDocument',
    summary: 'Delete a document and its chunks',
    tags,
    params: documentParams,
    status: 204,
    errors: [401, 403, 404],
  }),
  reindex: defineRoute({
    method: 'POST',
    path: `${base}/:id/reindex`,
    operationId: 'reindexKnowledgeBase',
    summary: 'Split and embed every document again with the current settings',
    tags,
    params: idParamsSchema,
    response: documentList,
    errors: [401, 403, 404],
  }),
  reindexStream: defineRoute({
    method: 'POST',
    path: `${base}/:id/reindex/stream`,
    operationId: 'reindexKnowledgeBaseStreaming',
    summary: 'Re-index, with progress events',
    description: SSE_NOTE,
    tags,
    params: idParamsSchema,
    produces: SSE,
    errors: [401, 403, 404],
  }),
  search: defineRoute({
    method: 'POST',
    path: `${base}/:id/search`,
    operationId: 'searchKnowledgeBase',
    summary: 'Try a search: the nearest chunks with their sources',
    tags,
    params: idParamsSchema,
    body: z
      .object({
        query: z.string().trim().min(1).max(10_000),
        k: z.number().int().min(1).max(100).default(5),
        minScore: z.number().min(-1).max(1).optional(),
        filter: z.record(z.string(), z.unknown()).optional(),
      })
      .strict(),
    response: z.object({ data: z.array(knowledgeHitSchema) }),
    errors: [401, 404],
  }),
} as const;

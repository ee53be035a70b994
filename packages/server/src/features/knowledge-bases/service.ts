/**
 * Knowledge bases: documents in, text extracted, split with the base's chunking,
 * embedded with its embedding credential and model (a credential of the base's
 * project), stored in the database's vector storage under `kb:<id>`. Every chunk
 * keeps its document, chunk number and character positions for citations.
 */
import type { KnowledgeBase, KnowledgeDocument, KnowledgeProgress } from '@guixu/api';
import { GuixuError, type JsonObject } from '@guixu/core';
import {
  createEmbedder,
  DEFAULT_CALL_POLICY,
  documentText,
  type Embedder,
  type KnowledgeBaseQuery,
  type ModelUsage,
  PLAIN_SEPARATORS,
  providerConnection,
  splitMarkdown,
  splitText,
  type TextChunk,
  type VectorHit,
} from '@guixu/nodes';
import type { AiRun } from '../../execution-host/ai-services.ts';
import type { CredentialStore } from '../credentials/store.ts';
import { notFound } from '../../http/http-errors.ts';
import {
  type Chunking,
  documentError,
  type KnowledgeBaseRow,
  type KnowledgeRepository,
} from './repository.ts';
import type { VectorStorage } from './vector-storage.ts';

export type ProgressListener = (event: KnowledgeProgress) => void;

export interface KnowledgeFile {
  name: string;
  mimeType?: string | undefined;
  text?: string | undefined;
  base64?: string | undefined;
}

export interface KnowledgeHit {
  documentId: string;
  source: string;
  text: string;
  score: number;
  chunk: number;
  start: number;
  end: number;
  metadata: JsonObject;
}

const collectionOf = (id: string) => `kb:${id}`;
const MIME_BY_EXTENSION: Record<string, string> = {
  md: 'text/markdown',
  markdown: 'text/markdown',
  txt: 'text/plain',
  html: 'text/html',
  htm: 'text/html',
  json: 'application/json',
  csv: 'text/csv',
  pdf: 'application/pdf',
};

function mimeOf(file: KnowledgeFile): string {
  if (file.mimeType) return file.mimeType;
  const extension = file.name.toLowerCase().split('.').pop() ?? '';
  return MIME_BY_EXTENSION[extension] ?? 'text/plain';
}

/** Markdown: cut at headings (down to ###) first, each chunk keeping its heading path. */
export function chunksOf(text: string, chunking: Chunking): TextChunk[] {
  const { chunkSize, chunkOverlap } = chunking;
  if (chunking.splitter === 'markdown')
    return splitMarkdown(text, { chunkSize, chunkOverlap, headingLevel: 3 });
  return splitText(text, { chunkSize, chunkOverlap, separators: PLAIN_SEPARATORS });
}

const num = (value: unknown) => (typeof value === 'number' ? value : 0);

/**
 * AI usage of the server's own embedding calls (features/ai-usage): the project's
 * budget is checked before each call and each call is recorded like a node's.
 */
export interface EmbeddingMeter {
  check(projectId: string, node: string): Promise<void>;
  record(run: AiRun, usage: ModelUsage, node: string): Promise<void>;
}

const NO_METER: EmbeddingMeter = { check: async () => {}, record: async () => {} };
/** Calls made for the API (upload, re-index, search test) belong to no run. */
const apiRun = (projectId: string): AiRun => ({ projectId, workflowId: null, executionId: '' });
const meterLabel = (base: Pick<KnowledgeBaseRow, 'name'>) => `Knowledge base "${base.name}"`;

export class KnowledgeBaseService {
  constructor(
    private readonly repository: KnowledgeRepository,
    private readonly storage: () => Promise<VectorStorage>,
    private readonly credentials: CredentialStore,
    private readonly meter: EmbeddingMeter = NO_METER,
  ) {}

  /** One metered embedding call for a base: budget first, usage recorded after. */
  private async embed(
    embedder: Embedder,
    base: Pick<KnowledgeBaseRow, 'projectId' | 'name'>,
    texts: readonly string[],
    signal: AbortSignal,
    run: AiRun = apiRun(base.projectId),
    node = meterLabel(base),
  ): Promise<number[][]> {
    await this.meter.check(base.projectId, node);
    const { vectors, usage } = await embedder.embed(texts, signal);
    await this.meter.record(run, usage, node);
    return vectors;
  }

  async dto(rows: readonly KnowledgeBaseRow[]): Promise<KnowledgeBase[]> {
    return this.repository.dto(rows, (await this.storage()).kind);
  }

  async one(id: string): Promise<KnowledgeBase> {
    const [dto] = await this.dto([await this.repository.get(id)]);
    if (!dto) throw notFound('knowledge base', id);
    return dto;
  }

  /** Checks the embedding credential is one the base's project may use (before it is stored). */
  async checkEmbedding(base: Pick<KnowledgeBaseRow, 'projectId' | 'embedding' | 'name'>): Promise<void> {
    await this.embedderFor(base);
  }

  private async embedderFor(
    base: Pick<KnowledgeBaseRow, 'projectId' | 'embedding' | 'name'>,
  ): Promise<Embedder> {
    const { credentialId, credentialType, model, batchSize } = base.embedding;
    const data = await this.credentials.providerFor({ projectId: base.projectId }).get({
      ref: { id: credentialId, name: credentialId },
      type: credentialType,
      node: `Knowledge base "${base.name}"`,
      executionId: '',
    });
    return createEmbedder({
      connection: providerConnection(credentialType === 'openAiApi' ? 'openai' : 'openaiCompatible', data),
      models: [model],
      policy: DEFAULT_CALL_POLICY,
      batchSize,
    });
  }

  async upload(
    knowledgeBaseId: string,
    files: readonly KnowledgeFile[],
    onProgress: ProgressListener = () => {},
    signal: AbortSignal = new AbortController().signal,
  ): Promise<KnowledgeDocument[]> {
    const base = await this.repository.get(knowledgeBaseId);
    const added: { id: string; name: string; content: string }[] = [];
    for (const file of files) {
      const mimeType = mimeOf(file);
      let content = file.text ?? '';
      let failure: { code: string; message: string } | undefined;
      if (file.base64 !== undefined) {
        try {
          content = await documentText(Buffer.from(file.base64, 'base64'), mimeType, file.name);
        } catch (error) {
          failure = documentError(error);
        }
      }
      const id = await this.repository.addDocument(base.id, { name: file.name, mimeType, content });
      if (failure) {
        await this.repository.setStatus(id, 'failed', { error: failure });
        onProgress({ type: 'document', documentId: id, name: file.name, status: 'failed', error: failure });
      } else {
        added.push({ id, name: file.name, content });
      }
    }
    await this.index(base, added, onProgress, signal);
    onProgress({ type: 'done' });
    return this.repository.documents(base.id);
  }

  async reindex(
    knowledgeBaseId: string,
    onProgress: ProgressListener = () => {},
    signal: AbortSignal = new AbortController().signal,
  ): Promise<KnowledgeDocument[]> {
    const base = await this.repository.get(knowledgeBaseId);
    const documents = await this.repository.documentContents(base.id);
    // Chunks of the old settings go first: a changed embedding model may change the dimensions.
    const { backend } = await this.storage();
    await backend.deleteDocuments(
      collectionOf(base.id),
      documents.map((d) => d.id),
    );
    await this.index(base, documents, onProgress, signal);
    onProgress({ type: 'done' });
    return this.repository.documents(base.id);
  }

  private async index(
    base: KnowledgeBaseRow,
    documents: readonly { id: string; name: string; content: string }[],
    onProgress: ProgressListener,
    signal: AbortSignal,
  ): Promise<void> {
    if (documents.length === 0) return;
    const { backend } = await this.storage();
    let embedder: Embedder | undefined;
    for (const document of documents) {
      const event = { type: 'document' as const, documentId: document.id, name: document.name };
      try {
        await this.repository.setStatus(document.id, 'indexing', { error: null });
        const chunks = chunksOf(document.content, base.chunking);
        onProgress({
          ...event,
          status: 'indexing',
          stage: 'split',
          chunksDone: 0,
          chunksTotal: chunks.length,
        });
        embedder ??= await this.embedderFor(base);
        const vectors: number[][] = [];
        const step = base.embedding.batchSize;
        for (let i = 0; i < chunks.length; i += step) {
          const batch = chunks.slice(i, i + step).map((c) => c.text);
          vectors.push(...(await this.embed(embedder, base, batch, signal)));
          onProgress({
            ...event,
            status: 'indexing',
            stage: 'embed',
            chunksDone: vectors.length,
            chunksTotal: chunks.length,
          });
        }
        await backend.upsert(
          collectionOf(base.id),
          chunks.map((chunk, i) => ({
            documentId: document.id,
            text: chunk.text,
            metadata: {
              source: document.name,
              chunk: i,
              start: chunk.start,
              end: chunk.end,
              ...(chunk.headings ? { headings: chunk.headings } : {}),
            },
            vector: vectors[i] ?? [],
          })),
        );
        await this.repository.setStatus(document.id, 'ready', { chunkCount: chunks.length, error: null });
        onProgress({
          ...event,
          status: 'ready',
          stage: 'store',
          chunksDone: chunks.length,
          chunksTotal: chunks.length,
        });
      } catch (error) {
        const failure = documentError(error);
        await this.repository.setStatus(document.id, 'failed', { chunkCount: 0, error: failure });
        onProgress({ ...event, status: 'failed', error: failure });
      }
    }
  }

  async search(
    knowledgeBaseId: string,
    query: { query: string; k: number; minScore?: number | undefined; filter?: JsonObject | undefined },
    signal: AbortSignal = new AbortController().signal,
  ): Promise<KnowledgeHit[]> {
    const base = await this.repository.get(knowledgeBaseId);
    const hits = await this.searchBase(base, query, signal);
    const names = await this.repository.documentNames([...new Set(hits.map((h) => h.documentId))]);
    return hits.map((hit) => ({
      documentId: hit.documentId,
      source: names.get(hit.documentId) ?? String(hit.metadata.source ?? hit.documentId),
      text: hit.text,
      score: Math.round(hit.score * 10_000) / 10_000,
      chunk: num(hit.metadata.chunk),
      start: num(hit.metadata.start),
      end: num(hit.metadata.end),
      metadata: hit.metadata,
    }));
  }

  /**
   * A run's search (the `aiVectorStore` host service): only a base of the run's own
   * project; the query's embedding is the run's usage, under the searching node.
   */
  async searchForRun(run: AiRun, query: KnowledgeBaseQuery, signal?: AbortSignal): Promise<VectorHit[]> {
    const base = await this.repository.get(query.knowledgeBaseId).catch(() => undefined);
    if (!base || run.projectId === null || base.projectId !== run.projectId) {
      throw new GuixuError(
        'KNOWLEDGE_BASE_NOT_FOUND',
        `Knowledge base "${query.knowledgeBaseId}" was not found in this workflow's project`,
        { details: { id: query.knowledgeBaseId } },
      );
    }
    const node = query.node ? query.node.slice(0, 200) : meterLabel(base);
    return this.searchBase(base, query, signal ?? new AbortController().signal, { run, node });
  }

  private async searchBase(
    base: KnowledgeBaseRow,
    query: { query: string; k: number; minScore?: number | undefined; filter?: JsonObject | undefined },
    signal: AbortSignal,
    by: { run: AiRun; node: string } = { run: apiRun(base.projectId), node: meterLabel(base) },
  ): Promise<VectorHit[]> {
    const { backend } = await this.storage();
    // Nothing stored yet: no embedding call (the model may not even be reachable yet).
    if ((await backend.count(collectionOf(base.id))) === 0) return [];
    const embedder = await this.embedderFor(base);
    const vectors = await this.embed(embedder, base, [query.query], signal, by.run, by.node);
    return backend.search(collectionOf(base.id), {
      vector: vectors[0] ?? [],
      k: query.k,
      ...(query.minScore === undefined ? {} : { minScore: query.minScore }),
      ...(query.filter === undefined ? {} : { filter: query.filter }),
    });
  }

  async deleteDocument(knowledgeBaseId: string, documentId: string): Promise<void> {
    await this.repository.deleteDocument(knowledgeBaseId, documentId);
    const { backend } = await this.storage();
    await backend.deleteDocuments(collectionOf(knowledgeBaseId), [documentId]);
  }

  async delete(knowledgeBaseId: string): Promise<KnowledgeBaseRow> {
    const base = await this.repository.get(knowledgeBaseId);
    const documents = await this.repository.documentContents(base.id);
    const { backend } = await this.storage();
    await backend.deleteDocuments(
      collectionOf(base.id),
      documents.map((d) => d.id),
    );
    await this.repository.delete(base.id);
    return base;
  }
}

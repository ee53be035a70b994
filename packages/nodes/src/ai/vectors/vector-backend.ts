import type { JsonObject } from '@guixu/core';

/** One chunk to store: its document, text, metadata (source, position…) and embedding. */
export interface VectorChunk {
  documentId: string;
  text: string;
  metadata: JsonObject;
  vector: readonly number[];
}

export interface VectorHit {
  documentId: string;
  text: string;
  metadata: JsonObject;
  /** Cosine similarity, 1 = same direction. */
  score: number;
}

export interface VectorQuery {
  vector: readonly number[];
  k: number;
  /** Hits must have these metadata values (exact match). */
  filter?: JsonObject;
  minScore?: number;
}

/**
 * Where vector stores keep chunks: the embedded sqlite-vec database by default; a
 * host gives its own (scoped to the project) as `services.aiVectorStore`.
 */
export interface VectorBackend {
  /** Replaces every chunk of the documents given. */
  upsert(collection: string, chunks: readonly VectorChunk[]): Promise<number>;
  search(collection: string, query: VectorQuery): Promise<VectorHit[]>;
  deleteDocuments(collection: string, documentIds: readonly string[]): Promise<number>;
  count(collection: string): Promise<number>;
}

export function matchesFilter(metadata: JsonObject, filter: JsonObject | undefined): boolean {
  if (!filter) return true;
  return Object.entries(filter).every(
    ([key, value]) => JSON.stringify(metadata[key]) === JSON.stringify(value),
  );
}

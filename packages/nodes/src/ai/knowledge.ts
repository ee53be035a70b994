/**
 * What a host needs to keep knowledge bases with the same code the nodes use:
 * vector backends, document text, splitters and embedders (the server's
 * knowledge-bases feature imports these through `@guixu/nodes`).
 */
export type { KnowledgeBaseQuery, KnowledgeBaseSearch } from './cluster/host-services.ts';
export { documentText } from './document-loader/document-text.ts';
export { DEFAULT_CALL_POLICY } from './model/call-policy.ts';
export { createEmbedder, type Embedder } from './model/embedder.ts';
export { type ProviderKind, providerConnection } from './model/provider.ts';
export {
  MARKDOWN_SEPARATORS,
  PLAIN_SEPARATORS,
  splitText,
  type TextChunk,
} from './text-splitter-recursive/recursive-split.ts';
export { splitMarkdown } from './text-splitter-markdown/markdown-split.ts';
export { PgExactBackend } from './vectors/pg-exact-backend.ts';
export { PgVectorBackend, type SqlClient, type SqlDatabase } from './vectors/pgvector-backend.ts';
export { dropVectorCollections, SqliteVecBackend } from './vectors/sqlite-vec-backend.ts';
export type { VectorBackend, VectorChunk, VectorHit, VectorQuery } from './vectors/vector-backend.ts';

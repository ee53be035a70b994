/**
 * What AI sub-nodes hand their root node through `ctx.subNodes(type)`: live objects for
 * one node run, never stored. The root node checks each with these guards, so a wrongly
 * wired sub-node is a clear error instead of a crash.
 */
import type { Item, JsonObject, JsonValue } from '@guixu/core';
import type { JSONSchema7, ModelMessage } from 'ai';
import type { ChatModel } from '../model/chat-model.ts';
import type { Embedder } from '../model/embedder.ts';
import type { TextChunk } from '../text-splitter-recursive/recursive-split.ts';

export interface AgentTool {
  kind: 'tool';
  /** Name the model calls it by (letters, digits, _ and -). */
  name: string;
  description: string;
  inputSchema: JSONSchema7;
  run(input: unknown, signal: AbortSignal): Promise<JsonValue>;
}

export interface ChatMemory {
  kind: 'memory';
  sessionId: string;
  load(): Promise<ModelMessage[]>;
  /** Appends one turn (the user's message and everything the model answered). */
  save(messages: readonly ModelMessage[]): Promise<void>;
}

export interface SuppliedChatModel {
  kind: 'chatModel';
  model: ChatModel;
}

export interface SuppliedEmbedder {
  kind: 'embedder';
  embedder: Embedder;
}

export interface SuppliedSplitter {
  kind: 'splitter';
  split(text: string): TextChunk[];
}

/** A chunk ready to embed: its text, its document and where it came from (for citations). */
export interface LoadedChunk {
  documentId: string;
  text: string;
  metadata: JsonObject;
}

export interface SuppliedLoader {
  kind: 'loader';
  load(items: readonly Item[], signal: AbortSignal): Promise<LoadedChunk[]>;
}

/**
 * What an Output Parser sub-node supplies: format instructions for the prompt, the
 * JSON Schema of the answer when it has one, and the parse of the model's text
 * (throwing AI_OUTPUT_INVALID when the text does not fit).
 */
export interface SuppliedOutputParser {
  kind: 'outputParser';
  instructions: string;
  schema?: JSONSchema7;
  parse(text: string, signal: AbortSignal): Promise<JsonValue>;
}

/** A document a retriever found: its text, where it came from (metadata) and how close it was. */
export interface RetrievedDocument {
  documentId: string;
  text: string;
  metadata: JsonObject;
  /** Cosine similarity for vector hits; absent for documents from a workflow. */
  score?: number;
}

/** What a Vector Store in "Retrieve Documents" mode supplies: a search of its chunks by meaning. */
export interface SuppliedVectorStore {
  kind: 'vectorStore';
  search(query: string, k: number, signal: AbortSignal): Promise<RetrievedDocument[]>;
}

/** What a Retriever supplies: the documents relevant to a query. */
export interface SuppliedRetriever {
  kind: 'retriever';
  retrieve(query: string, signal: AbortSignal): Promise<RetrievedDocument[]>;
}

export type Supplied =
  | AgentTool
  | SuppliedVectorStore
  | SuppliedRetriever
  | SuppliedOutputParser
  | ChatMemory
  | SuppliedChatModel
  | SuppliedEmbedder
  | SuppliedSplitter
  | SuppliedLoader;

export function isSupplied<K extends Supplied['kind']>(
  value: unknown,
  kind: K,
): value is Extract<Supplied, { kind: K }> {
  return typeof value === 'object' && value !== null && (value as { kind?: unknown }).kind === kind;
}

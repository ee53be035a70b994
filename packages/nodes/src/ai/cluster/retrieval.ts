/**
 * Retrieval-augmented answers (Question and Answer Chain, Vector Store Tool): the
 * documents as the model reads them, numbered with their source, the question
 * answered from them, and the citations every answer carries (document metadata).
 */
import { GuixuError, type JsonObject } from '@guixu/core';
import type { RetrievedDocument } from './contracts.ts';
import type { MeteredModel } from './metered-model.ts';

export const CONTEXT_PLACEHOLDER = '{context}';

export const DEFAULT_QA_SYSTEM = [
  'You are an assistant for question-answering tasks. Use the following pieces of retrieved context to answer',
  "the question. If you don't know the answer, just say that you don't know, don't try to make up an answer.",
  'Each piece starts with its number and source; cite the pieces you used as [number].',
  '----------------',
  'Context: {context}',
].join('\n');

/**
 * Where a document came from: its `source` metadata, else its `title` (n8n loaders
 * keep names there; the Default Data Loader's fallback source "item N" gives way to
 * it), else its document id.
 */
export function sourceOf(doc: RetrievedDocument): string {
  const { source, title } = doc.metadata;
  const named = typeof source === 'string' && source !== '' && !/^item \d+$/.test(source);
  if (named) return source;
  if (typeof title === 'string' && title) return title;
  return typeof source === 'string' && source ? source : doc.documentId;
}

/** The documents as the prompt shows them: `[1] (handbook.md) text`. */
export function contextOf(docs: readonly RetrievedDocument[]): string {
  return docs.map((doc, i) => `[${i + 1}] (${sourceOf(doc)}) ${doc.text}`).join('\n\n');
}

/** One citation per document, numbered as in the context. */
export function citationsOf(docs: readonly RetrievedDocument[]): JsonObject[] {
  return docs.map((doc, i) => {
    const { chunk, start, end } = doc.metadata;
    return {
      n: i + 1,
      source: sourceOf(doc),
      documentId: doc.documentId,
      ...(typeof chunk === 'number' ? { chunk } : {}),
      ...(typeof start === 'number' ? { start } : {}),
      ...(typeof end === 'number' ? { end } : {}),
      ...(doc.score === undefined ? {} : { score: Math.round(doc.score * 10_000) / 10_000 }),
    };
  });
}

/** A retrieved document in run data and tool output. */
export function documentJson(doc: RetrievedDocument): JsonObject {
  return {
    text: doc.text,
    documentId: doc.documentId,
    metadata: doc.metadata,
    ...(doc.score === undefined ? {} : { score: Math.round(doc.score * 10_000) / 10_000 }),
  };
}

/** The system prompt with the documents in place of `{context}` (appended when it has none). */
export function systemWithContext(template: string, docs: readonly RetrievedDocument[]): string {
  const context = contextOf(docs);
  return template.includes(CONTEXT_PLACEHOLDER)
    ? template.replaceAll(CONTEXT_PLACEHOLDER, context)
    : `${template}\n\n${context}`;
}

/** Asks the model the question over the documents; the answer and its citations. */
export async function answerFromDocuments(
  model: MeteredModel,
  options: {
    question: string;
    docs: readonly RetrievedDocument[];
    system?: string;
    onText?: ((delta: string) => void) | undefined;
  },
): Promise<{ answer: string; sources: JsonObject[] }> {
  if (!options.question.trim()) {
    throw new GuixuError('AI_QUERY_EMPTY', 'The question is empty', {
      parameter: 'query',
      description: 'Give the question to answer, e.g. {{ $json.chatInput }}.',
    });
  }
  const response = await model.generate({
    system: systemWithContext(options.system || DEFAULT_QA_SYSTEM, options.docs),
    messages: [{ role: 'user', content: options.question }],
    onText: options.onText,
  });
  return { answer: response.text, sources: citationsOf(options.docs) };
}

/** Documents of several searches, each once (by document id and text), in the order first found. */
export function uniqueDocuments(lists: readonly (readonly RetrievedDocument[])[]): RetrievedDocument[] {
  const seen = new Set<string>();
  const out: RetrievedDocument[] = [];
  for (const doc of lists.flat()) {
    const key = `${doc.documentId}\u0000${doc.text}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(doc);
  }
  return out;
}

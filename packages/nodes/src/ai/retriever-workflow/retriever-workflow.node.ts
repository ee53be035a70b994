/**
 * Workflow Retriever: runs another workflow with `{ query }` as its input item and
 * reads its output items as documents (n8n's shape: `pageContent` and `metadata`,
 * else the item's JSON as text).
 */
import { defineNode, GuixuError, type JsonObject, type JsonValue, p } from '@guixu/core';
import type { RetrievedDocument, SuppliedRetriever } from '../cluster/contracts.ts';

const isObject = (value: unknown): value is JsonObject =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** One output item of the retrieving workflow as a document. */
export function documentOfItem(json: JsonObject, index: number, workflowId: string): RetrievedDocument {
  const written = json.pageContent ?? json.text;
  const own = isObject(json.metadata) ? json.metadata : {};
  const metadata: JsonObject = { workflowId, itemIndex: index, ...own };
  const rest = Object.fromEntries(Object.entries(json).filter(([key]) => key !== 'metadata')) as Record<
    string,
    JsonValue
  >;
  const source = metadata.source;
  return {
    documentId: typeof source === 'string' && source ? source : `${workflowId}#${index}`,
    text: typeof written === 'string' ? written : JSON.stringify(rest),
    metadata,
  };
}

export default defineNode({
  type: 'guixu.retrieverWorkflow',
  version: 1,
  displayName: 'Workflow Retriever',
  description: 'Runs another workflow with the question and uses its output items as documents.',
  group: 'ai',
  icon: 'sitemap',
  inputs: [],
  outputs: [{ type: 'ai_retriever', displayName: 'Retriever' }],
  params: {
    workflowId: p.string({ label: 'Workflow ID', required: true }),
    fields: p.json({
      label: 'Extra Fields',
      description: 'Sent with `query` in the input item, e.g. {"language": "en"}.',
    }),
  },
  docs: [
    'The workflow gets one item `{ query, ...Extra Fields }` and answers with items: each becomes a document, its',
    'text from `pageContent` (or `text`), its metadata from `metadata` (a `source` there is cited), else the',
    "whole item's JSON as text.",
  ].join('\n'),
  run: () => [[]],
  supplyData(ctx, itemIndex): SuppliedRetriever {
    const params = ctx.params(itemIndex);
    const workflowId = params.workflowId.trim();
    const extra = params.fields;
    if (extra !== undefined && extra !== null && extra !== '' && !isObject(extra)) {
      throw new GuixuError('AI_RETRIEVER_FIELDS_INVALID', 'Extra Fields must be a JSON object', {
        parameter: 'fields',
      });
    }
    return {
      kind: 'retriever',
      async retrieve(query, signal) {
        const runner = ctx.services.subWorkflows;
        if (!runner) {
          throw new GuixuError('SUB_WORKFLOWS_UNAVAILABLE', 'This host cannot run other workflows', {
            audience: 'operator',
          });
        }
        const result = await runner.run({
          workflow: { id: workflowId },
          items: [{ json: { ...(isObject(extra) ? extra : {}), query } }],
          wait: true,
          parent: { executionId: ctx.execution.id, workflowId: ctx.workflow.id, node: ctx.node.name },
          signal,
        });
        return (result.items ?? []).map((item, i) => documentOfItem(item.json, i, workflowId));
      },
    };
  },
});

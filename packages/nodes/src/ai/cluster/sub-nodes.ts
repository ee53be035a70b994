import { GuixuError, type NodeRunContext } from '@guixu/core';
import type { AgentTool, Supplied, SuppliedChatModel } from './contracts.ts';
import { isSupplied } from './contracts.ts';
import { withFallback } from '../model/chat-model.ts';

type Ctx = Pick<NodeRunContext, 'subNodes' | 'node'>;

const CONNECTION = {
  chatModel: 'ai_languageModel',
  memory: 'ai_memory',
  tool: 'ai_tool',
  embedder: 'ai_embedding',
  splitter: 'ai_textSplitter',
  loader: 'ai_document',
  outputParser: 'ai_outputParser',
  vectorStore: 'ai_vectorStore',
  retriever: 'ai_retriever',
} as const;

const LABEL = {
  chatModel: 'Chat Model',
  memory: 'Memory',
  tool: 'Tool',
  embedder: 'Embeddings',
  splitter: 'Text Splitter',
  loader: 'Document',
  outputParser: 'Output Parser',
  vectorStore: 'Vector Store',
  retriever: 'Retriever',
} as const;

const EXAMPLE = {
  chatModel: 'OpenAI Chat Model',
  embedder: 'Embeddings OpenAI',
  loader: 'Default Data Loader',
  vectorStore: 'Vector Store (SQLite) in "Retrieve Documents" mode',
  retriever: 'Vector Store Retriever',
} as const;

/** Every sub-node of one kind connected to this node (with its input index), checked to supply what that kind needs. */
async function suppliedIndexed<K extends Supplied['kind']>(
  ctx: Ctx,
  kind: K,
  itemIndex: number,
): Promise<{ data: Extract<Supplied, { kind: K }>; inputIndex: number }[]> {
  const supplied = await ctx.subNodes(CONNECTION[kind], itemIndex);
  return supplied.map(({ node, data, inputIndex }) => {
    if (!isSupplied(data, kind)) {
      throw new GuixuError('SUB_NODE_INVALID', `Node "${node}" is not a ${LABEL[kind]} sub-node`, {
        node: ctx.node.name,
        description: `Connect a ${LABEL[kind]} node to the "${LABEL[kind]}" input.`,
      });
    }
    return { data, inputIndex };
  });
}

export async function suppliedAll<K extends Supplied['kind']>(
  ctx: Ctx,
  kind: K,
  itemIndex: number,
): Promise<Extract<Supplied, { kind: K }>[]> {
  return (await suppliedIndexed(ctx, kind, itemIndex)).map((s) => s.data);
}

/**
 * The one required sub-node of a kind on the first input of its type (the chat model
 * of a chain or agent). A chat model on the second input (an agent's "Fallback
 * Model") takes over when the first fails.
 */
export async function suppliedOne<
  K extends 'chatModel' | 'embedder' | 'loader' | 'vectorStore' | 'retriever',
>(ctx: Ctx, kind: K, itemIndex: number): Promise<Extract<Supplied, { kind: K }>> {
  const all = await suppliedIndexed(ctx, kind, itemIndex);
  const [first, second] = all.filter((s) => s.inputIndex === 0).map((s) => s.data);
  if (!first) {
    throw new GuixuError('AI_SUB_NODE_MISSING', `Node "${ctx.node.name}" needs a ${LABEL[kind]} connected`, {
      node: ctx.node.name,
      description: `Connect a ${LABEL[kind]} node (e.g. ${EXAMPLE[kind]}) to its "${LABEL[kind]}" input.`,
    });
  }
  if (second) {
    throw new GuixuError('AI_SUB_NODE_TOO_MANY', `Node "${ctx.node.name}" takes one ${LABEL[kind]}`, {
      node: ctx.node.name,
      description: 'Remove the extra connection (fallback models go in the model node’s options).',
    });
  }
  const primary: unknown = first;
  const fallback: unknown = all.find((s) => s.inputIndex === 1)?.data;
  if (isSupplied(primary, 'chatModel') && isSupplied(fallback, 'chatModel')) {
    const combined: SuppliedChatModel = {
      kind: 'chatModel',
      model: withFallback(primary.model, fallback.model),
    };
    return combined as Extract<Supplied, { kind: K }>;
  }
  return first;
}

/** The optional sub-node of a kind (memory, text splitter), or undefined. */
export async function suppliedOptional<K extends 'memory' | 'splitter' | 'outputParser'>(
  ctx: Ctx,
  kind: K,
  itemIndex: number,
): Promise<Extract<Supplied, { kind: K }> | undefined> {
  const [first] = await suppliedAll(ctx, kind, itemIndex);
  return first;
}

export async function suppliedTools(ctx: Ctx, itemIndex: number): Promise<AgentTool[]> {
  const tools = await suppliedAll(ctx, 'tool', itemIndex);
  const seen = new Set<string>();
  for (const tool of tools) {
    if (seen.has(tool.name)) {
      throw new GuixuError('AI_TOOL_NAME_TAKEN', `Two tools of "${ctx.node.name}" are named "${tool.name}"`, {
        node: ctx.node.name,
        description: 'Give each tool its own name: the model calls tools by name.',
      });
    }
    seen.add(tool.name);
  }
  return tools;
}

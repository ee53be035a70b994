/**
 * A chat model as a root node uses it: the host's budget is checked before each call,
 * each call's usage is recorded (run data, and the host's usage sink), and partial
 * answers stream to the chat when the host asks for them.
 */
import type { JsonObject, NodeRunContext } from '@guixu/core';
import type { ChatModel, ChatRequest, ChatResponse } from '../model/chat-model.ts';
import type { Embedder } from '../model/embedder.ts';
import { type ModelUsage, usageSummary } from '../model/usage.ts';
import { usageSink } from './host-services.ts';

export interface MeteredModel {
  generate(request: ChatRequest): Promise<ChatResponse>;
  /** Usage of the calls since the last `take`, for one output item. */
  take(): JsonObject;
}

export function meteredModel(ctx: NodeRunContext, model: ChatModel): MeteredModel {
  const sink = usageSink(ctx);
  const where = { node: ctx.node.name, executionId: ctx.execution.id, workflowId: ctx.workflow.id };
  let calls: ModelUsage[] = [];
  return {
    async generate(request) {
      await sink?.check?.(where);
      const response = await model.generate(request, ctx.signal);
      calls.push(response.usage);
      await sink?.record(response.usage, where);
      return response;
    },
    take() {
      const summary = usageSummary(calls);
      calls = [];
      return summary;
    },
  };
}

/** An embedder as a node uses it: budget checked first, usage recorded; returns the vectors and the usage summary. */
export function meteredEmbed(ctx: NodeRunContext, embedder: Embedder) {
  const sink = usageSink(ctx);
  const where = { node: ctx.node.name, executionId: ctx.execution.id, workflowId: ctx.workflow.id };
  return async (
    texts: readonly string[],
    signal = ctx.signal,
  ): Promise<{ vectors: number[][]; usage: JsonObject }> => {
    await sink?.check?.(where);
    const { vectors, usage } = await embedder.embed(texts, signal);
    await sink?.record(usage, where);
    return { vectors, usage: usageSummary([usage]) };
  };
}

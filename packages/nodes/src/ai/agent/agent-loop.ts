/**
 * The agent's tool-calling loop: ask the model, run the tools it calls, send the
 * results back, until it answers without a tool call or the iterations run out.
 * Every step (text, tool calls with input and output, usage) is kept for run data.
 */
import { GuixuError, type JsonObject, type JsonValue } from '@guixu/core';
import { jsonSchema, type ModelMessage, type ToolResultPart, type ToolSet, tool } from 'ai';
import type { AgentTool } from '../cluster/contracts.ts';
import { toJson } from '../cluster/json.ts';
import type { MeteredModel } from '../cluster/metered-model.ts';
import type { RequestedToolCall } from '../model/chat-model.ts';
import { usageJson } from '../model/usage.ts';

export interface AgentRun {
  model: MeteredModel;
  tools: readonly AgentTool[];
  system?: string;
  messages: ModelMessage[];
  maxIterations: number;
  /** `feedBack`: a failing tool's error goes to the model as the tool's result. */
  onToolError: 'feedBack' | 'fail';
  signal: AbortSignal;
  onText?: (delta: string) => void;
}

export interface AgentOutcome {
  output: string;
  steps: JsonObject[];
  /** The messages this run added (assistant and tool turns), for memory. */
  added: ModelMessage[];
}

export async function runAgentLoop(run: AgentRun): Promise<AgentOutcome> {
  const byName = new Map(run.tools.map((t) => [t.name, t]));
  const sdkTools: ToolSet = {};
  for (const t of run.tools)
    sdkTools[t.name] = tool({ description: t.description, inputSchema: jsonSchema(t.inputSchema) });
  const messages = [...run.messages];
  const added: ModelMessage[] = [];
  const steps: JsonObject[] = [];
  for (let iteration = 1; iteration <= run.maxIterations; iteration++) {
    const response = await run.model.generate({
      system: run.system,
      messages,
      tools: run.tools.length > 0 ? sdkTools : undefined,
      onText: run.onText,
    });
    messages.push(...response.messages);
    added.push(...response.messages);
    const step: JsonObject = { iteration, text: response.text, usage: usageJson(response.usage) };
    steps.push(step);
    if (response.toolCalls.length === 0) return { output: response.text, steps, added };
    const answered = answeredCallIds(response.messages);
    const results: ToolResultPart[] = [];
    const calls: JsonObject[] = [];
    for (const call of response.toolCalls) {
      const outcome = await callTool(run, byName, call);
      calls.push({ id: call.id, tool: call.name, input: toJson(call.input), ...outcome.record });
      if (!answered.has(call.id)) results.push(outcome.part);
    }
    step.toolCalls = calls;
    if (results.length > 0) {
      const toolMessage: ModelMessage = { role: 'tool', content: results };
      messages.push(toolMessage);
      added.push(toolMessage);
    }
  }
  throw new GuixuError(
    'AI_MAX_ITERATIONS',
    `The agent gave no final answer within ${run.maxIterations} iterations`,
    {
      details: { steps },
      description: 'Raise "Max Iterations", or make the prompt and tool descriptions clearer.',
    },
  );
}

async function callTool(
  run: AgentRun,
  byName: Map<string, AgentTool>,
  call: RequestedToolCall,
): Promise<{ record: JsonObject; part: ToolResultPart }> {
  const base = { type: 'tool-result' as const, toolCallId: call.id, toolName: call.name };
  const failed = (code: string, message: string) => {
    if (run.onToolError === 'fail') {
      throw new GuixuError(code, message, {
        details: { tool: call.name, input: toJson(call.input) },
        description: 'Set "On Tool Error" to "Send the error to the model" to let the model correct itself.',
      });
    }
    return {
      record: { error: message },
      part: { ...base, output: { type: 'error-text' as const, value: message } },
    };
  };
  if (call.invalid)
    return failed(
      'AI_TOOL_ARGUMENTS_INVALID',
      `The model called "${call.name}" with unusable arguments: ${call.invalid}`,
    );
  const target = byName.get(call.name);
  if (!target)
    return failed(
      'AI_TOOL_UNKNOWN',
      `The model called "${call.name}", which is not one of the agent's tools`,
    );
  try {
    const output: JsonValue = await target.run(call.input, run.signal);
    return { record: { output }, part: { ...base, output: { type: 'json', value: output } } };
  } catch (error) {
    run.signal.throwIfAborted();
    const message = error instanceof Error ? error.message : String(error);
    return failed('AI_TOOL_FAILED', `Tool "${call.name}" failed: ${message}`);
  }
}

/** Tool calls the SDK already answered in the response (it reports unparsable arguments itself). */
function answeredCallIds(messages: readonly ModelMessage[]): Set<string> {
  const ids = new Set<string>();
  for (const message of messages) {
    if (message.role !== 'tool') continue;
    for (const part of message.content) if (part.type === 'tool-result') ids.add(part.toolCallId);
  }
  return ids;
}

/**
 * What a Chat Model sub-node supplies: one `generate` that runs a single model call
 * (text, tool calls or schema-checked JSON; streamed when the caller wants deltas)
 * under the call policy, and reports its usage. The credential stays in this closure.
 */
import {
  generateText,
  jsonSchema,
  type JSONSchema7,
  type ModelMessage,
  Output,
  streamText,
  type ToolSet,
} from 'ai';
import { z } from 'zod';
import { type Attempt, type CallPolicy, callWithPolicy } from './call-policy.ts';
import { languageModel, type ProviderConnection } from './provider.ts';
import { type ModelPrice, type ModelUsage, priced } from './usage.ts';

export interface ChatSettings {
  temperature?: number;
  maxOutputTokens?: number;
  topP?: number;
}

export interface ChatRequest {
  system?: string;
  messages: ModelMessage[];
  /** Tools declared without `execute`: the caller runs them and sends the results back. */
  tools?: ToolSet;
  /** The answer must be JSON fitting this schema. */
  schema?: JSONSchema7;
  /** Called with each streamed text delta (the call is then streamed). */
  onText?: (delta: string) => void;
}

export interface RequestedToolCall {
  id: string;
  name: string;
  input: unknown;
  /** Why the model's arguments were unusable (malformed JSON, schema mismatch). */
  invalid?: string;
}

export interface ChatResponse {
  text: string;
  object?: unknown;
  toolCalls: RequestedToolCall[];
  /** The assistant message(s) to append to the conversation. */
  messages: ModelMessage[];
  finishReason: string;
  usage: ModelUsage;
  attempts: Attempt[];
}

export interface ChatModel {
  readonly provider: string;
  readonly models: readonly string[];
  generate(request: ChatRequest, signal: AbortSignal): Promise<ChatResponse>;
}

export interface ChatModelOptions {
  connection: ProviderConnection;
  /** Primary model, then fallbacks. */
  models: readonly string[];
  settings: ChatSettings;
  policy: CallPolicy;
  prices?: readonly ModelPrice[];
}

type Raw = Omit<ChatResponse, 'usage' | 'attempts'> & { inputTokens: number; outputTokens: number };

export function createChatModel(options: ChatModelOptions): ChatModel {
  const { connection, settings } = options;
  return {
    provider: connection.provider,
    models: options.models,
    async generate(request, signal) {
      const started = performance.now();
      const result = await callWithPolicy<Raw>({
        provider: connection.provider,
        apiKey: connection.apiKey,
        models: options.models,
        policy: options.policy,
        signal,
        run: (modelId, callSignal) => {
          const call = {
            model: languageModel(connection, modelId),
            system: request.system,
            messages: request.messages,
            tools: request.tools,
            temperature: settings.temperature,
            // Anthropic requires max_tokens; the SDK's guess for unknown models is 128,000.
            maxOutputTokens: settings.maxOutputTokens ?? (connection.kind === 'anthropic' ? 4096 : undefined),
            topP: settings.topP,
            maxRetries: 0,
            abortSignal: callSignal,
            ...(request.schema ? { output: Output.object({ schema: checkedSchema(request.schema) }) } : {}),
          };
          return request.onText
            ? streamed(call, request.onText)
            : generated(call, request.schema !== undefined);
        },
      });
      const { inputTokens, outputTokens, ...rest } = result.value;
      const usage = priced(
        {
          provider: connection.provider,
          model: result.model,
          inputTokens,
          outputTokens,
          latencyMs: Math.round(performance.now() - started),
        },
        options.prices,
      );
      return { ...rest, usage, attempts: result.attempts };
    },
  };
}

type Call = Parameters<typeof generateText>[0];

async function generated(call: Call, wantsObject: boolean): Promise<Raw> {
  const result = await generateText(call);
  return {
    text: result.text,
    ...(wantsObject ? { object: result.output } : {}),
    toolCalls: result.toolCalls.map(toRequested),
    messages: result.response.messages,
    finishReason: result.finishReason,
    inputTokens: result.usage.inputTokens ?? 0,
    outputTokens: result.usage.outputTokens ?? 0,
  };
}

async function streamed(call: Call, onText: (delta: string) => void): Promise<Raw> {
  const result = streamText(call);
  for await (const part of result.fullStream) {
    if (part.type === 'text-delta') onText(part.text);
    else if (part.type === 'error') throw part.error;
  }
  const [text, toolCalls, response, finishReason, usage] = await Promise.all([
    result.text,
    result.toolCalls,
    result.response,
    result.finishReason,
    result.usage,
  ]);
  return {
    text,
    ...(call.output ? { object: await result.output } : {}),
    toolCalls: toolCalls.map(toRequested),
    messages: response.messages,
    finishReason,
    inputTokens: usage.inputTokens ?? 0,
    outputTokens: usage.outputTokens ?? 0,
  };
}

function toRequested(call: {
  toolCallId: string;
  toolName: string;
  input: unknown;
  invalid?: boolean;
  error?: unknown;
}): RequestedToolCall {
  const requested: RequestedToolCall = { id: call.toolCallId, name: call.toolName, input: call.input };
  if (call.invalid) requested.invalid = call.error instanceof Error ? call.error.message : String(call.error);
  return requested;
}

/** The user's JSON schema, validated by zod's JSON Schema reader (the SDK only forwards it). */
function checkedSchema(schema: JSONSchema7) {
  const validator = z.fromJSONSchema(schema as Parameters<typeof z.fromJSONSchema>[0]);
  return jsonSchema<unknown>(schema, {
    validate(value) {
      const parsed = validator.safeParse(value);
      return parsed.success
        ? { success: true, value: parsed.data }
        : {
            success: false,
            error: new Error(
              parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; '),
            ),
          };
    },
  });
}

/** A chat model that hands a failed call (after its own retries and fallback models) to another one. */
export function withFallback(primary: ChatModel, fallback: ChatModel): ChatModel {
  return {
    provider: primary.provider,
    models: [...primary.models, ...fallback.models],
    async generate(request, signal) {
      try {
        return await primary.generate(request, signal);
      } catch {
        signal.throwIfAborted();
        return fallback.generate(request, signal);
      }
    },
  };
}

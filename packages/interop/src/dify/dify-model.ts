/**
 * Dify keeps the model inside its LLM-family nodes (`model: { provider, name,
 * completion_params }`); here it becomes a Chat Model sub-node: OpenAI and Anthropic
 * by their own nodes, every other provider through an OpenAI-compatible one.
 */
import { type DifySubNode, isRecord, text } from './dify-mapping.ts';

const OWN: Record<string, { type: string; slot: string }> = {
  openai: { type: 'guixu.lmChatOpenAi', slot: 'openAiApi' },
  anthropic: { type: 'guixu.lmChatAnthropic', slot: 'anthropicApi' },
};

/** `langgenius/openai/openai` or `openai` → `openai`. */
function providerName(provider: string): string {
  const parts = provider.split('/');
  return (parts[parts.length - 1] ?? provider).toLowerCase();
}

export function chatModelSubNode(model: unknown, warn: (message: string) => void): DifySubNode {
  const config = isRecord(model) ? model : {};
  const provider = providerName(text(config.provider, 'openai'));
  const params = isRecord(config.completion_params) ? config.completion_params : {};
  const options: Record<string, unknown> = {};
  if (typeof params.temperature === 'number') options.temperature = params.temperature;
  if (typeof params.max_tokens === 'number') options.maxTokens = params.max_tokens;
  if (typeof params.top_p === 'number') options.topP = params.top_p;
  const own = OWN[provider];
  if (!own) {
    warn(
      `Dify's "${provider}" model provider is called through an OpenAI-compatible credential: pick its preset (or Base URL) in the credential`,
    );
  }
  return {
    title: 'Model',
    type: own?.type ?? 'guixu.lmChatOpenAiCompatible',
    parameters: { model: text(config.name), options },
    connection: 'ai_languageModel',
    credentials: { [own?.slot ?? 'openAiCompatibleApi']: `Dify ${provider}` },
  };
}

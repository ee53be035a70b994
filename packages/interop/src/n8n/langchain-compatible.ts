/**
 * n8n's chat model and embeddings nodes for services that speak the OpenAI protocol
 * (Gemini, Groq, OpenRouter, Mistral, DeepSeek, xAI, Ollama) become GuixuFlow's
 * OpenAI-compatible nodes: the model and options carry over, the n8n credential
 * becomes an `openAiCompatibleApi` slot whose Service preset the report names.
 */
import { modelOptions } from './langchain-mapping.ts';
import {
  type MappingContext,
  type N8nExport,
  type N8nMapping,
  type N8nSourceNode,
  locatorValue,
  record,
} from './mapping.ts';

export interface CompatibleService {
  /** The n8n node type without `@n8n/n8n-nodes-langchain.`. */
  n8nType: string;
  /** The `openAiCompatibleApi` credential's Service preset. */
  preset: string;
  label: string;
  /** The n8n credential slot. */
  credential: string;
  /** n8n's parameter for the model (`model`, or `modelName` for Gemini). */
  modelParameter: 'model' | 'modelName';
  /** n8n's default model, used when the node does not name one. */
  defaultModel: string;
  /** n8n option → GuixuFlow option; options not listed are reported. */
  options: Record<string, string>;
  /** A note on what the user should check in the credential beyond the preset. */
  note?: string;
}

const OPENAI_LIKE = {
  temperature: 'temperature',
  maxTokens: 'maxTokens',
  topP: 'topP',
  timeout: 'timeout',
  maxRetries: 'maxRetries',
};

const OLLAMA_NOTE =
  'n8n’s Ollama credential holds the server address without /v1: if Ollama is not at http://localhost:11434, enter its Base URL ending in /v1';

export const CHAT_SERVICES: readonly CompatibleService[] = [
  {
    n8nType: 'lmChatGoogleGemini',
    preset: 'gemini',
    label: 'Google Gemini',
    credential: 'googlePalmApi',
    modelParameter: 'modelName',
    defaultModel: 'models/gemini-2.5-flash',
    options: { temperature: 'temperature', maxOutputTokens: 'maxTokens', topP: 'topP' },
  },
  {
    n8nType: 'lmChatGroq',
    preset: 'groq',
    label: 'Groq',
    credential: 'groqApi',
    modelParameter: 'model',
    defaultModel: 'llama3-8b-8192',
    options: { temperature: 'temperature', maxTokensToSample: 'maxTokens' },
  },
  {
    n8nType: 'lmChatOpenRouter',
    preset: 'openrouter',
    label: 'OpenRouter',
    credential: 'openRouterApi',
    modelParameter: 'model',
    defaultModel: 'openai/gpt-4.1-mini',
    options: OPENAI_LIKE,
  },
  {
    n8nType: 'lmChatMistralCloud',
    preset: 'mistral',
    label: 'Mistral AI',
    credential: 'mistralCloudApi',
    modelParameter: 'model',
    defaultModel: 'mistral-small',
    options: OPENAI_LIKE,
  },
  {
    n8nType: 'lmChatDeepSeek',
    preset: 'deepseek',
    label: 'DeepSeek',
    credential: 'deepSeekApi',
    modelParameter: 'model',
    defaultModel: 'deepseek-chat',
    options: OPENAI_LIKE,
  },
  {
    n8nType: 'lmChatXAiGrok',
    preset: 'xai',
    label: 'xAI Grok',
    credential: 'xAiApi',
    modelParameter: 'model',
    defaultModel: 'grok-2-vision-1212',
    options: OPENAI_LIKE,
  },
  {
    n8nType: 'lmChatOllama',
    preset: 'ollama',
    label: 'Ollama',
    credential: 'ollamaApi',
    modelParameter: 'model',
    defaultModel: 'llama3.2',
    options: { temperature: 'temperature', topP: 'topP', numPredict: 'maxTokens' },
    note: OLLAMA_NOTE,
  },
];

export const EMBEDDING_SERVICES: readonly CompatibleService[] = [
  {
    n8nType: 'embeddingsGoogleGemini',
    preset: 'gemini',
    label: 'Google Gemini',
    credential: 'googlePalmApi',
    modelParameter: 'modelName',
    defaultModel: 'models/text-embedding-004',
    options: {},
  },
  {
    n8nType: 'embeddingsMistralCloud',
    preset: 'mistral',
    label: 'Mistral AI',
    credential: 'mistralCloudApi',
    modelParameter: 'model',
    defaultModel: 'mistral-embed',
    options: { batchSize: 'batchSize', maxRetries: 'maxRetries' },
  },
  {
    n8nType: 'embeddingsOllama',
    preset: 'ollama',
    label: 'Ollama',
    credential: 'ollamaApi',
    modelParameter: 'model',
    defaultModel: 'llama3.2',
    options: {},
    note: OLLAMA_NOTE,
  },
];

const PREFIX = '@n8n/n8n-nodes-langchain.';
/** n8n's "no limit" for the token maximum (GuixuFlow leaves the option out instead). */
const NO_LIMIT = new Set(['maxTokens', 'maxTokensToSample', 'maxOutputTokens', 'numPredict']);

/** Gemini names models `models/gemini-…`; its OpenAI endpoint takes the bare name. */
function modelName(service: CompatibleService, parameters: Record<string, unknown>): string {
  const value = locatorValue(parameters[service.modelParameter]);
  const model = typeof value === 'string' && value.trim() !== '' ? value : service.defaultModel;
  return service.preset === 'gemini' && !model.startsWith('=') ? model.replace(/^models\//, '') : model;
}

function translateWith(services: readonly CompatibleService[], node: string) {
  const byType = new Map(services.map((s) => [`${PREFIX}${s.n8nType}`, s]));
  return (source: N8nSourceNode, ctx: MappingContext) => {
    const service = byType.get(source.type);
    if (!service) return { parameters: {}, unsupported: `no OpenAI-compatible service for ${source.type}` };
    const options = Object.fromEntries(
      Object.entries(record(source.parameters.options)).filter(
        ([name, value]) => !(NO_LIMIT.has(name) && typeof value === 'number' && value <= 0),
      ),
    );
    ctx.warn(
      `Imported as the ${node}: fill its credential with an OpenAI-compatible API credential whose Service is "${service.label}"`,
    );
    if (service.note) ctx.warn(service.note);
    return {
      parameters: {
        model: modelName(service, source.parameters),
        options: modelOptions(options, service.options, ctx),
      },
      credentialSlots: { [service.credential]: 'openAiCompatibleApi' },
    };
  };
}

/**
 * One mapping for all the services of one kind (chat models or embeddings). The
 * GuixuFlow node exports as n8n's OpenAI node: its OpenAI credential has a Base URL
 * for the same service.
 */
export function compatibleMapping(
  services: readonly CompatibleService[],
  guixuType: string,
  node: string,
  exportAs: Omit<N8nExport, 'credentialSlots'>,
): N8nMapping {
  return {
    n8nTypes: services.map((s) => `${PREFIX}${s.n8nType}`),
    guixuType,
    export: { ...exportAs, credentialSlots: { openAiCompatibleApi: 'openAiApi' } },
    translate: translateWith(services, node),
  };
}

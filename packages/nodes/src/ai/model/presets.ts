/** OpenAI-compatible services with a known base URL; the credential's Base URL overrides it. */
export interface ProviderPreset {
  value: string;
  label: string;
  baseUrl: string;
  /** Local servers usually need no key. */
  keyRequired: boolean;
}

export const OPENAI_COMPATIBLE_PRESETS = [
  { value: 'deepseek', label: 'DeepSeek', baseUrl: 'https://api.deepseek.com/v1', keyRequired: true },
  {
    value: 'dashscope',
    label: '通义千问 DashScope (Alibaba Cloud)',
    baseUrl: 'https://dashscope.aliyuncs.com/compatible-mode/v1',
    keyRequired: true,
  },
  {
    value: 'volcengineArk',
    label: '豆包 Volcengine Ark',
    baseUrl: 'https://ark.cn-beijing.volces.com/api/v3',
    keyRequired: true,
  },
  {
    value: 'siliconflow',
    label: '硅基流动 SiliconFlow',
    baseUrl: 'https://api.siliconflow.cn/v1',
    keyRequired: true,
  },
  { value: 'moonshot', label: 'Moonshot / Kimi', baseUrl: 'https://api.moonshot.cn/v1', keyRequired: true },
  {
    value: 'zhipu',
    label: '智谱 GLM (Zhipu AI)',
    baseUrl: 'https://open.bigmodel.cn/api/paas/v4',
    keyRequired: true,
  },
  {
    value: 'gemini',
    label: 'Google Gemini',
    baseUrl: 'https://generativelanguage.googleapis.com/v1beta/openai',
    keyRequired: true,
  },
  { value: 'groq', label: 'Groq', baseUrl: 'https://api.groq.com/openai/v1', keyRequired: true },
  { value: 'openrouter', label: 'OpenRouter', baseUrl: 'https://openrouter.ai/api/v1', keyRequired: true },
  { value: 'mistral', label: 'Mistral AI', baseUrl: 'https://api.mistral.ai/v1', keyRequired: true },
  { value: 'xai', label: 'xAI Grok', baseUrl: 'https://api.x.ai/v1', keyRequired: true },
  { value: 'ollama', label: 'Ollama', baseUrl: 'http://localhost:11434/v1', keyRequired: false },
  { value: 'vllm', label: 'vLLM', baseUrl: 'http://localhost:8000/v1', keyRequired: false },
  { value: 'llamacpp', label: 'llama.cpp server', baseUrl: 'http://localhost:8080/v1', keyRequired: false },
  { value: 'lmstudio', label: 'LM Studio', baseUrl: 'http://localhost:1234/v1', keyRequired: false },
  { value: 'custom', label: 'Other (enter the Base URL)', baseUrl: '', keyRequired: false },
] as const satisfies readonly ProviderPreset[];

export type PresetName = (typeof OPENAI_COMPATIBLE_PRESETS)[number]['value'];

export function presetOf(name: string): ProviderPreset | undefined {
  return OPENAI_COMPATIBLE_PRESETS.find((p) => p.value === name);
}

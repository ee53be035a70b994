import { defineChatModelNode } from '../cluster/chat-model-node.ts';

export default defineChatModelNode({
  type: 'guixu.lmChatOpenAiCompatible',
  displayName: 'OpenAI-compatible Chat Model',
  description:
    'A chat model on any OpenAI-compatible server: DeepSeek, 通义千问, 豆包, 硅基流动, Kimi, GLM, Ollama, vLLM, llama.cpp, LM Studio.',
  kind: 'openaiCompatible',
  credential: 'openAiCompatibleApi',
  defaultModel: '',
});

import { defineChatModelNode } from '../cluster/chat-model-node.ts';

export default defineChatModelNode({
  type: 'guixu.lmChatOpenAi',
  displayName: 'OpenAI Chat Model',
  description: 'An OpenAI chat model (GPT) for an agent or chain.',
  kind: 'openai',
  credential: 'openAiApi',
  defaultModel: 'gpt-4o-mini',
});

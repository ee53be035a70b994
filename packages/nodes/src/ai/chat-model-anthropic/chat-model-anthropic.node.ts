import { defineChatModelNode } from '../cluster/chat-model-node.ts';

export default defineChatModelNode({
  type: 'guixu.lmChatAnthropic',
  displayName: 'Anthropic Chat Model',
  description: 'An Anthropic chat model (Claude) for an agent or chain.',
  kind: 'anthropic',
  credential: 'anthropicApi',
  defaultModel: 'claude-sonnet-4-5',
});

import { defineNode, p } from '@guixu/core';

export default defineNode({
  type: 'guixu.chatTrigger',
  version: 1,
  displayName: 'Chat Trigger',
  description: 'Starts the workflow for each chat message (editor chat panel, hosted chat page or widget).',
  group: 'trigger',
  icon: 'comments',
  defaultName: 'When chat message received',
  // n8n's chat trigger may load the session from a memory; kept so imports stay valid.
  inputs: [{ type: 'ai_memory', displayName: 'Memory', maxConnections: 1 }],
  outputs: ['main'],
  trigger: { kind: 'chat' },
  params: {
    public: p.boolean({
      label: 'Make Chat Publicly Available',
      default: false,
      description: 'Off: only signed-in members of the project can chat.',
    }),
    initialMessages: p.string({ label: 'Initial Message(s)', default: 'Hi there! 👋', rows: 3 }),
  },
  docs: 'Outputs one item per message: `{ sessionId, action: "sendMessage", chatInput }`. Connect an AI Agent (its prompt defaults to `{{ $json.chatInput }}`) and a memory keyed by `{{ $json.sessionId }}`.',
  run: (ctx) => [
    ctx.items.length > 0
      ? ctx.items
      : [{ json: { sessionId: 'manual', action: 'sendMessage', chatInput: '' } }],
  ],
});

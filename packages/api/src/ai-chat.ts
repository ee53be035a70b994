import { z } from 'zod';
import { idSchema, timestampSchema } from './common.ts';
import { defineRoute } from './contract.ts';

export const chatSessionSchema = z
  .object({
    sessionId: z.string(),
    turns: z.number().int(),
    lastMessageAt: timestampSchema,
  })
  .meta({ id: 'ChatSession' });

/** One message as the memory keeps it (AI SDK model message: text, tool calls, tool results). */
export const chatMessageSchema = z
  .object({
    role: z.enum(['system', 'user', 'assistant', 'tool']),
    content: z.unknown(),
  })
  .meta({ id: 'ChatMessage' });

export const chatTurnSchema = z
  .object({ at: timestampSchema, messages: z.array(chatMessageSchema) })
  .meta({ id: 'ChatTurn' });

const tags = ['Chat'] as const;
const sessionParams = z.object({ id: idSchema, sessionId: z.string().min(1).max(200) });

export const chatRoutes = {
  sessions: defineRoute({
    method: 'GET',
    path: '/api/v1/workflows/:id/chat-sessions',
    operationId: 'listChatSessions',
    summary: 'Chat sessions a workflow’s memory keeps, newest first',
    tags,
    params: z.object({ id: idSchema }),
    response: z.object({ data: z.array(chatSessionSchema) }),
    errors: [401, 404],
  }),
  history: defineRoute({
    method: 'GET',
    path: '/api/v1/workflows/:id/chat-sessions/:sessionId',
    operationId: 'getChatHistory',
    summary: 'The turns of one chat session, oldest first',
    tags,
    params: sessionParams,
    response: z.object({ sessionId: z.string(), turns: z.array(chatTurnSchema) }),
    errors: [401, 404],
  }),
  clear: defineRoute({
    method: 'DELETE',
    path: '/api/v1/workflows/:id/chat-sessions/:sessionId',
    operationId: 'clearChatHistory',
    summary: 'Forget a chat session (the memory starts empty next time)',
    tags,
    params: sessionParams,
    status: 204,
    errors: [401, 403, 404],
  }),
} as const;

/** What the hosted chat page and the widget read before the first message. */
export const chatConfigSchema = z.object({
  workflowId: z.string(),
  title: z.string(),
  initialMessages: z.array(z.string()),
  public: z.boolean(),
});

/** Body of `POST /chat/:workflowId/messages` (answered as server-sent events). */
export const chatSendSchema = z
  .object({
    sessionId: z.string().trim().min(1).max(200),
    chatInput: z.string().max(100_000),
  })
  .strict();

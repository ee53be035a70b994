import { readFileSync } from 'node:fs';
import { chatMessageSchema, chatRoutes, chatSendSchema } from '@guixu/api';
import type { FastifyInstance } from 'fastify';
import type { Feature, ServerContext } from '../../context.ts';
import { parseInput } from '../../http/parse-input.ts';
import { route } from '../../http/route.ts';
import { rateLimitHook } from '../../security/rate-limit.ts';
import { AnswerStreams } from './answer-streams.ts';
import { ChatMemory } from './chat-memory.ts';
import { chatPage, signInPage } from './chat-page.ts';
import { HostedChat } from './hosted-chat.ts';

/** What this feature offers others (`ctx.services.get('aiChat')`). */
export interface AiChatService {
  memory: ChatMemory;
  streams: AnswerStreams;
  hosted: HostedChat;
}

// The built server (scripts/build.mjs) copies assets/ to dist/chat-assets/ beside its bundle.
const ASSETS_DIR = process.env.GUIXU_CHAT_ASSETS_DIR ?? './assets/';
const asset = (name: string) => readFileSync(new URL(`${ASSETS_DIR}${name}`, import.meta.url), 'utf8');

/** The chat page may be framed by any site (the widget); it loads only its own script and styles. */
const PAGE_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "connect-src 'self'",
  "img-src 'self' data:",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');

async function hostedEndpoints(
  scope: FastifyInstance,
  ctx: ServerContext,
  hosted: HostedChat,
): Promise<void> {
  const files = { js: asset('chat.js'), css: asset('chat.css'), widget: asset('widget.js') };
  const cacheFor = 'public, max-age=300';
  scope.get('/chat/assets/chat.js', (_request, reply) =>
    reply.type('text/javascript; charset=utf-8').header('cache-control', cacheFor).send(files.js),
  );
  scope.get('/chat/assets/chat.css', (_request, reply) =>
    reply.type('text/css; charset=utf-8').header('cache-control', cacheFor).send(files.css),
  );
  // Loaded by other sites' pages with <script src>: allowed cross-origin.
  scope.get('/chat/widget.js', (_request, reply) =>
    reply
      .type('text/javascript; charset=utf-8')
      .header('cache-control', cacheFor)
      .header('cross-origin-resource-policy', 'cross-origin')
      .send(files.widget),
  );
  scope.get<{ Params: { workflowId: string } }>('/chat/:workflowId', async (request, reply) => {
    const target = await hosted.target(request.params.workflowId);
    // Public chats may be framed anywhere (the widget); members-only chats by this origin only.
    reply.raw.removeHeader('x-frame-options');
    reply.header('content-security-policy', `${PAGE_CSP}; frame-ancestors ${target.public ? '*' : "'self'"}`);
    reply.header('cache-control', 'no-store');
    reply.type('text/html; charset=utf-8');
    try {
      await hosted.authorize(request, target);
    } catch (error) {
      if (error instanceof Error && 'code' in error && error.code === 'AUTH_REQUIRED') {
        return reply.status(401).send(signInPage(target.workflowId));
      }
      throw error;
    }
    return reply.send(chatPage(target));
  });
  const perMinute = ctx.services.get('security').settings.webhookRateLimit;
  const limit = rateLimitHook(scope, 'chat', perMinute);
  scope.post<{ Params: { workflowId: string } }>(
    '/chat/:workflowId/messages',
    limit === undefined ? {} : { onRequest: limit },
    async (request, reply) => {
      const target = await hosted.target(request.params.workflowId);
      await hosted.authorize(request, target);
      const message = parseInput(chatSendSchema, request.body, 'body');
      await hosted.send(target, message, reply);
      return reply;
    },
  );
}

export const feature: Feature = {
  name: 'ai-chat',
  // After executions and ai-usage (runs stream through the AI host).
  order: 29,
  setup(ctx) {
    const streams = new AnswerStreams();
    ctx.services.provide('aiChat', {
      memory: new ChatMemory(ctx.database),
      streams,
      hosted: new HostedChat(ctx, streams),
    });
  },
  async routes(app, ctx) {
    const { memory, hosted } = ctx.services.get('aiChat');
    await app.register(async (scope) => hostedEndpoints(scope, ctx, hosted));
    const c = ctx.contracts;
    const projectOf = async (workflowId: string) =>
      (await ctx.services.get('workflows').get(workflowId, { includeDeleted: true })).projectId;
    route(app, c, chatRoutes.sessions, { resource: 'workflow', action: 'read' }, async ({ params }) => ({
      data: await memory.sessions(params.id, await projectOf(params.id)),
    }));
    route(app, c, chatRoutes.history, { resource: 'workflow', action: 'read' }, async ({ params }) => ({
      sessionId: params.sessionId,
      turns: (await memory.history(params.id, await projectOf(params.id), params.sessionId)).map((turn) => ({
        at: turn.at,
        messages: turn.messages.flatMap((m) => {
          const parsed = chatMessageSchema.safeParse(m);
          return parsed.success ? [parsed.data] : [];
        }),
      })),
    }));
    route(
      app,
      c,
      chatRoutes.clear,
      { resource: 'workflow', action: 'update' },
      async ({ params, request }) => {
        const projectId = await projectOf(params.id);
        await memory.forget(params.id, projectId, params.sessionId);
        await ctx.services.get('audit').record({
          action: 'workflow.chatCleared',
          request,
          resourceType: 'workflow',
          resourceId: params.id,
          summary: `Chat session ${params.sessionId} cleared`,
        });
      },
    );
  },
};

import websocket from '@fastify/websocket';
import { z } from 'zod';
import type { Feature } from '../../context.ts';
import { SIGNED_IN } from '../../security/route-access.ts';
import { Heartbeat } from './heartbeat.ts';
import { pushAccess } from './push-access.ts';
import { PushHub } from './push-hub.ts';

const ids = z
  .string()
  .max(4096)
  .transform((text) =>
    text
      .split(',')
      .map((s) => s.trim())
      .filter((s) => s !== ''),
  )
  .pipe(z.array(z.string().min(1).max(64)).max(100));

const querySchema = z.object({ executionId: ids.optional(), workflowId: ids.optional() });

const messageSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('subscribe'),
    executionId: z.string().min(1).max(64).optional(),
    workflowId: z.string().min(1).max(64).optional(),
  }),
  z.object({
    type: z.literal('unsubscribe'),
    executionId: z.string().min(1).max(64).optional(),
    workflowId: z.string().min(1).max(64).optional(),
  }),
]);

const LIMITS = { maxBufferedBytes: 1024 * 1024, maxSubscriptions: 100 };
/** Client messages are tiny; anything bigger is refused by the socket itself. */
const MAX_MESSAGE_BYTES = 16 * 1024;

/**
 * `GET /api/v1/push` (WebSocket): execution events for the editor. Subscribe
 * with `?executionId=a,b&workflowId=c`, or send
 * `{ "type": "subscribe" | "unsubscribe", "executionId"?, "workflowId"? }`.
 * Events: executionStarted, nodeStarted, nodeFinished (item counts and a
 * sample of the first item), executionFinished, executionWaiting.
 */
export const feature: Feature = {
  name: 'push',
  order: 27,
  async routes(app, ctx) {
    const hub = new PushHub(ctx.services.get('executions').events, LIMITS);
    const heartbeat = new Heartbeat(ctx.config.pushPingSeconds * 1000);
    app.addHook('onClose', async () => heartbeat.stop());
    await app.register(websocket, { options: { maxPayload: MAX_MESSAGE_BYTES } });
    app.get(
      '/api/v1/push',
      {
        websocket: true,
        // Signed in to connect; each subscription then checks read access to what it names.
        config: { access: SIGNED_IN },
      },
      (socket, request) => {
        const client = hub.add(socket);
        heartbeat.watch(socket);
        const access = pushAccess(ctx, request);
        socket.on('close', () => hub.remove(client));
        socket.on('error', () => hub.remove(client));
        const change = async (
          kind: 'subscribe' | 'unsubscribe',
          executionIds: string[],
          workflowIds: string[],
        ) => {
          if (kind === 'unsubscribe') {
            for (const id of executionIds) client.executions.delete(id);
            for (const id of workflowIds) client.workflows.delete(id);
          } else {
            const hidden = [
              ...(await Promise.all(
                executionIds.map(async (id) => ((await access.execution(id)) ? null : id)),
              )),
              ...(await Promise.all(
                workflowIds.map(async (id) => ((await access.workflow(id)) ? null : id)),
              )),
            ].filter((id): id is string => id !== null);
            if (hidden.length > 0) {
              client.send({
                type: 'error',
                code: 'PUSH_NOT_FOUND',
                message: `Nothing to watch with id ${hidden.join(', ')}`,
                details: { ids: hidden },
              });
              return;
            }
            if (client.subscriptions + executionIds.length + workflowIds.length > LIMITS.maxSubscriptions) {
              client.send({
                type: 'error',
                code: 'PUSH_TOO_MANY_SUBSCRIPTIONS',
                message: `A client may hold at most ${LIMITS.maxSubscriptions} subscriptions`,
              });
              return;
            }
            for (const id of executionIds) client.executions.add(id);
            for (const id of workflowIds) client.workflows.add(id);
          }
          client.send({
            type: 'subscriptions',
            executionIds: [...client.executions],
            workflowIds: [...client.workflows],
          });
        };
        const changeSafely = (
          kind: 'subscribe' | 'unsubscribe',
          executionIds: string[],
          workflowIds: string[],
        ) =>
          change(kind, executionIds, workflowIds).catch((error: unknown) => {
            request.log.error({ err: error }, 'push subscription failed');
            client.send({
              type: 'error',
              code: 'PUSH_SUBSCRIPTION_FAILED',
              message: 'The subscription could not be checked',
            });
          });
        const query = querySchema.safeParse(request.query);
        if (!query.success) {
          client.send({
            type: 'error',
            code: 'PUSH_QUERY_INVALID',
            message: 'executionId and workflowId are comma-separated ids (at most 100)',
          });
          socket.close(1008, 'invalid query');
          return;
        }
        void changeSafely('subscribe', query.data.executionId ?? [], query.data.workflowId ?? []);
        socket.on('message', (data: Buffer) => {
          let parsed: unknown;
          try {
            parsed = JSON.parse(data.toString('utf8'));
          } catch {
            parsed = undefined;
          }
          const message = messageSchema.safeParse(parsed);
          if (!message.success) {
            client.send({
              type: 'error',
              code: 'PUSH_MESSAGE_INVALID',
              message: 'Send {"type":"subscribe"|"unsubscribe","executionId"?:string,"workflowId"?:string}',
            });
            return;
          }
          const m = message.data;
          void changeSafely(m.type, m.executionId ? [m.executionId] : [], m.workflowId ? [m.workflowId] : []);
        });
      },
    );
  },
};

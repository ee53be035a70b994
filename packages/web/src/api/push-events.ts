import { z } from 'zod';

const plainError = z.object({ code: z.string(), message: z.string() }).loose();

/** What the push WebSocket sends (see the server's `features/push`), parsed at the boundary. */
export const pushEventSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('executionStarted'),
    executionId: z.string(),
    workflowId: z.string().nullable(),
  }),
  z.object({
    type: z.literal('nodeStarted'),
    executionId: z.string(),
    workflowId: z.string().nullable(),
    node: z.string(),
    runIndex: z.number(),
  }),
  z.object({
    type: z.literal('nodeFinished'),
    executionId: z.string(),
    workflowId: z.string().nullable(),
    node: z.string(),
    runIndex: z.number(),
    status: z.string(),
    executionTime: z.number(),
    itemCounts: z.array(z.number()),
    error: plainError.optional(),
  }),
  z.object({
    type: z.literal('executionFinished'),
    executionId: z.string(),
    workflowId: z.string().nullable(),
    status: z.string(),
    error: plainError.optional(),
  }),
  z.object({
    type: z.literal('executionWaiting'),
    executionId: z.string(),
    workflowId: z.string().nullable(),
    node: z.string(),
  }),
  z.object({ type: z.literal('subscriptions') }).loose(),
  z.object({ type: z.literal('eventsDropped'), count: z.number() }),
  z.object({ type: z.literal('error'), code: z.string(), message: z.string() }).loose(),
]);
export type PushEvent = z.infer<typeof pushEventSchema>;

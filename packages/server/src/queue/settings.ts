import { z } from 'zod';
import { integer } from '../config/values.ts';

export type ProcessRole = 'main' | 'worker' | 'webhook';

/**
 * Queue mode (docs/scaling.md): executions go through BullMQ on Redis to
 * `guixu worker` processes. Absent, everything runs in this process.
 */
export interface QueueSettings {
  /** `GUIXU_QUEUE_URL`, redis:// or rediss://. */
  url: string;
  /** Prefix of every Redis key (one cluster per prefix). */
  prefix: string;
  /** `main` takes requests and may lead; `worker` runs executions; `webhook` only takes webhooks. */
  role: ProcessRole;
  /** Executions one worker runs at once. */
  workerConcurrency: number;
  /** Jobs waiting in the queue before webhooks are refused with 429. */
  maxPending: number;
  /** A job whose worker stops renewing its lock this long is taken over by another worker. */
  lockMs: number;
  /** The leader lock expires this long after its holder stopped renewing it. */
  leaderTtlMs: number;
}

export const queueSettingsSchema = z.object({
  GUIXU_QUEUE_URL: z
    .string()
    .trim()
    .regex(/^rediss?:\/\//, 'must start with redis:// or rediss://')
    .optional(),
  GUIXU_QUEUE_PREFIX: z
    .string()
    .regex(/^[A-Za-z0-9_.-]{1,64}$/, 'must be 1-64 letters, digits, dots, dashes or underscores')
    .default('guixu'),
  GUIXU_PROCESS_ROLE: z
    .enum(['main', 'worker', 'webhook'], { error: 'must be "main", "worker" or "webhook"' })
    .default('main'),
  GUIXU_WORKER_CONCURRENCY: integer(1, 1000).default(10),
  GUIXU_QUEUE_MAX_PENDING: integer(1, 10_000_000).default(10_000),
  GUIXU_QUEUE_LOCK_SECONDS: integer(2, 3600).default(30),
  GUIXU_LEADER_TTL_SECONDS: integer(2, 300).default(6),
});

export function queueSettingsFrom(v: z.infer<typeof queueSettingsSchema>): QueueSettings | undefined {
  if (v.GUIXU_QUEUE_URL === undefined) return undefined;
  return {
    url: v.GUIXU_QUEUE_URL,
    prefix: v.GUIXU_QUEUE_PREFIX,
    role: v.GUIXU_PROCESS_ROLE,
    workerConcurrency: v.GUIXU_WORKER_CONCURRENCY,
    maxPending: v.GUIXU_QUEUE_MAX_PENDING,
    lockMs: v.GUIXU_QUEUE_LOCK_SECONDS * 1000,
    leaderTtlMs: v.GUIXU_LEADER_TTL_SECONDS * 1000,
  };
}

import { z } from 'zod';

export const healthSchema = z.object({ status: z.literal('ok') }).meta({ id: 'Health' });

export const readinessSchema = z
  .object({
    status: z.enum(['ready', 'not_ready']),
    checks: z.object({
      database: z.enum(['ok', 'unreachable']),
      migrations: z.enum(['done', 'pending']),
      /** Only with the S3 binary store (`GUIXU_BINARY_STORE=s3`): the bucket answers. */
      binaryStorage: z.enum(['ok', 'unreachable']).optional(),
      /** Only in queue mode (`GUIXU_QUEUE_URL`): the queue's Redis is connected. */
      queue: z.enum(['ok', 'unreachable']).optional(),
    }),
  })
  .meta({ id: 'Readiness' });
export type Readiness = z.infer<typeof readinessSchema>;

import { Redis } from 'ioredis';

export type RedisPurpose =
  /** BullMQ workers and subscribers: commands wait through a reconnect (BullMQ requires it). */
  | 'blocking'
  /** Producers on the request path: fail at once while Redis is down (the caller answers 503). */
  | 'fail-fast';

/** One ioredis connection to the queue's Redis; reconnects forever with a capped backoff. */
export function redisConnection(url: string, purpose: RedisPurpose): Redis {
  return new Redis(url, {
    maxRetriesPerRequest: purpose === 'blocking' ? null : 1,
    enableOfflineQueue: purpose === 'blocking',
    retryStrategy: (times) => Math.min(times * 200, 2000),
    lazyConnect: false,
  });
}

/** Key names of one cluster (every key starts with the configured prefix). */
export function queueKeys(prefix: string) {
  return {
    /** The BullMQ queue of executions (BullMQ adds its own `<prefix>:executions:*` keys). */
    queueName: 'executions',
    /** Runner events, webhook responses and finishes from workers to mains. */
    events: `${prefix}:events`,
    /** Cancels from mains to workers. */
    control: `${prefix}:control`,
    worker: (id: string) => `${prefix}:workers:${id}`,
    workersPattern: `${prefix}:workers:*`,
    workflowSlots: (workflowId: string) => `${prefix}:wf-slots:${workflowId}`,
    leader: (duty: string) => `${prefix}:leader:${duty}`,
    /** The job an execution was last queued as (the leader checks it before queueing again). */
    jobOf: (executionId: string) => `${prefix}:job-of:${executionId}`,
    /** Executions queued under save policy `errors`/`none` whose policy is not applied yet (queue/unsaved.ts). */
    unsaved: `${prefix}:unsaved`,
    /** Cancels asked for while the execution was still queued. */
    canceled: (executionId: string) => `${prefix}:canceled:${executionId}`,
  };
}

export type QueueKeys = ReturnType<typeof queueKeys>;

import type { Redis } from 'ioredis';
import type { QueueKeys } from './redis.ts';

// A sorted set per workflow: member = execution id, score = when its slot expires. Expired
// slots (a worker died holding them) are dropped before counting, so a crash frees them.
const ACQUIRE = `
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', ARGV[1])
if redis.call('ZSCORE', KEYS[1], ARGV[3]) or redis.call('ZCARD', KEYS[1]) < tonumber(ARGV[4]) then
  redis.call('ZADD', KEYS[1], ARGV[2], ARGV[3])
  redis.call('PEXPIRE', KEYS[1], ARGV[5])
  return 1
end
return 0`;

/**
 * Per-workflow concurrency across the cluster (`settings.concurrencyLimit`):
 * a worker takes a slot before it runs an execution of a limited workflow and
 * gives it back after; slots are leases renewed with the worker's heartbeat.
 */
export class WorkflowSlots {
  private readonly held = new Map<string, string>();

  constructor(
    private readonly redis: Redis,
    private readonly keys: QueueKeys,
    private readonly leaseMs: number,
  ) {}

  async acquire(workflowId: string, limit: number, executionId: string): Promise<boolean> {
    const now = Date.now();
    const key = this.keys.workflowSlots(workflowId);
    const got = await this.redis.eval(
      ACQUIRE,
      1,
      key,
      String(now),
      String(now + this.leaseMs),
      executionId,
      String(limit),
      String(this.leaseMs * 2),
    );
    if (got === 1) this.held.set(executionId, key);
    return got === 1;
  }

  async release(executionId: string): Promise<void> {
    const key = this.held.get(executionId);
    if (key === undefined) return;
    this.held.delete(executionId);
    await this.redis.zrem(key, executionId);
  }

  /** Extends every slot this worker holds (called with its heartbeat). */
  async renew(): Promise<void> {
    if (this.held.size === 0) return;
    const until = String(Date.now() + this.leaseMs);
    const pipeline = this.redis.pipeline();
    for (const [executionId, key] of this.held) pipeline.zadd(key, 'XX', until, executionId);
    await pipeline.exec();
  }
}

import type { Redis } from 'ioredis';

const RENEW = `
if redis.call('GET', KEYS[1]) == ARGV[1] then
  return redis.call('PEXPIRE', KEYS[1], ARGV[2])
end
return 0`;
const RELEASE = `
if redis.call('GET', KEYS[1]) == ARGV[1] then
  return redis.call('DEL', KEYS[1])
end
return 0`;

export interface LeaderOptions {
  redis: Redis;
  key: string;
  /** This process's id (the lock's value). */
  id: string;
  /** The lock lapses this long after its holder stopped renewing it. */
  ttlMs: number;
  onChange(leading: boolean): void;
  log: { warn(obj: object, msg: string): void };
}

/**
 * Leader election on a Redis lock with a TTL: the holder renews it every third
 * of the TTL, the others try to take it as often; when the leader dies its
 * lock lapses and another main leads within about one TTL. A leader that
 * cannot renew (Redis unreachable) steps down before its lock could lapse.
 */
export class LeaderElection {
  private timer: NodeJS.Timeout | undefined;
  private leading = false;
  private leaseUntil = 0;

  constructor(private readonly options: LeaderOptions) {}

  get isLeader(): boolean {
    return this.leading;
  }

  start(): void {
    const tick = () => {
      this.tick().catch((error: unknown) => this.options.log.warn({ err: error }, 'leader election failed'));
    };
    tick();
    this.timer = setInterval(tick, Math.max(200, Math.floor(this.options.ttlMs / 3)));
    this.timer.unref();
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    const wasLeading = this.leading;
    this.set(false);
    if (wasLeading) {
      await this.options.redis.eval(RELEASE, 1, this.options.key, this.options.id).catch(() => undefined);
    }
  }

  private async tick(): Promise<void> {
    const { redis, key, id, ttlMs } = this.options;
    const asked = Date.now();
    try {
      const ok = this.leading
        ? (await redis.eval(RENEW, 1, key, id, String(ttlMs))) === 1
        : (await redis.set(key, id, 'PX', ttlMs, 'NX')) === 'OK';
      if (ok) this.leaseUntil = asked + ttlMs;
      this.set(ok);
    } catch (error) {
      // Unknown whether the lock still holds: step down before it could have lapsed.
      if (Date.now() > this.leaseUntil - ttlMs / 3) this.set(false);
      throw error;
    }
  }

  private set(leading: boolean): void {
    if (leading === this.leading) return;
    this.leading = leading;
    this.options.onChange(leading);
  }
}

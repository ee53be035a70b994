/**
 * Waiting runs, one queue per tenant (project), served round-robin: a tenant
 * that queues a hundred runs delays another tenant's next run by at most one
 * of its own, not by a hundred.
 */
export class FairQueue<T> {
  /** A Map keeps insertion order: a tenant just served moves to the back. */
  private readonly queues = new Map<string, T[]>();

  push(tenant: string, item: T): void {
    const queue = this.queues.get(tenant);
    if (queue) queue.push(item);
    else this.queues.set(tenant, [item]);
  }

  remove(tenant: string, item: T): boolean {
    const queue = this.queues.get(tenant);
    const index = queue ? queue.indexOf(item) : -1;
    if (!queue || index < 0) return false;
    queue.splice(index, 1);
    if (queue.length === 0) this.queues.delete(tenant);
    return true;
  }

  /** The next item, in round-robin order of tenants, among the tenants `eligible` accepts. */
  take(eligible: (tenant: string) => boolean): { tenant: string; item: T } | undefined {
    for (const [tenant, queue] of this.queues) {
      if (!eligible(tenant)) continue;
      const item = queue.shift();
      this.queues.delete(tenant);
      if (queue.length > 0) this.queues.set(tenant, queue);
      if (item !== undefined) return { tenant, item };
    }
    return undefined;
  }

  /** Empties the queue, handing back every waiting item. */
  drain(): T[] {
    const items = [...this.queues.values()].flat();
    this.queues.clear();
    return items;
  }

  get size(): number {
    let size = 0;
    for (const queue of this.queues.values()) size += queue.length;
    return size;
  }
}

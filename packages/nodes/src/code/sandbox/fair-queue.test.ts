import { describe, expect, it } from 'vitest';
import { FairQueue } from './fair-queue.ts';

describe('FairQueue', () => {
  it('serves tenants round-robin, each in its own order', () => {
    const queue = new FairQueue<string>();
    for (const item of ['a1', 'a2', 'a3']) queue.push('a', item);
    queue.push('b', 'b1');
    queue.push('c', 'c1');
    queue.push('b', 'b2');
    const order: string[] = [];
    for (let next = queue.take(() => true); next; next = queue.take(() => true)) order.push(next.item);
    expect(order).toEqual(['a1', 'b1', 'c1', 'a2', 'b2', 'a3']);
    expect(queue.size).toBe(0);
  });

  it('skips tenants that may not run now, and removes canceled items', () => {
    const queue = new FairQueue<string>();
    queue.push('hostile', 'h1');
    queue.push('hostile', 'h2');
    queue.push('other', 'o1');
    queue.push('other', 'o2');
    expect(queue.take((tenant) => tenant !== 'hostile')).toEqual({ tenant: 'other', item: 'o1' });
    expect(queue.remove('other', 'o2')).toBe(true);
    expect(queue.remove('other', 'o2')).toBe(false);
    expect(queue.take((tenant) => tenant !== 'hostile')).toBeUndefined();
    expect(queue.drain()).toEqual(['h1', 'h2']);
  });
});

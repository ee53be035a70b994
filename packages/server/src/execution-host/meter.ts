/**
 * The CPU meter a worker shares with the main thread (one SharedArrayBuffer per
 * worker). The worker marks which execution's user logic it is running and
 * since when, and adds the time of each finished stretch to that execution's
 * slot; the main thread's watchdog reads it without a message, so a worker
 * stuck in one endless expression is still seen (and stopped) while it is stuck.
 *
 * Layout: Int32 [0] slot running now (-1: none), [1] the last slot that ran;
 * Float64 [1] start of the stretch running now, [2] the worker's last tick,
 * [3 + slot] ms of user logic used by the execution in that slot; after the
 * floats, one Int32 per slot: the ticket of the run handed over in it, +1 once
 * the worker took it up, +2 once the main thread took it back (never both: a
 * compare-and-swap decides), so a run queued behind a stuck stretch can move
 * to another worker without ever running twice.
 */
export const MAX_SLOTS = 1024;
const FLOATS = 3 + MAX_SLOTS;
const TAKEN = 1;
const REVOKED = 2;

export const nowMs = (): number => performance.timeOrigin + performance.now();

export function meterBuffer(): SharedArrayBuffer {
  return new SharedArrayBuffer(8 * FLOATS + 4 * MAX_SLOTS);
}

export class MeterView {
  private readonly ints: Int32Array;
  private readonly floats: Float64Array;
  private readonly tickets: Int32Array;

  constructor(buffer: SharedArrayBuffer) {
    this.ints = new Int32Array(buffer, 0, 2);
    this.floats = new Float64Array(buffer, 0, FLOATS);
    this.tickets = new Int32Array(buffer, 8 * FLOATS, MAX_SLOTS);
    if (this.floats[2] === 0) {
      Atomics.store(this.ints, 0, -1);
      Atomics.store(this.ints, 1, -1);
      this.floats[2] = nowMs();
    }
  }

  get current(): number {
    return Atomics.load(this.ints, 0);
  }

  get last(): number {
    return Atomics.load(this.ints, 1);
  }

  get stretchStart(): number {
    return this.floats[1];
  }

  get tick(): number {
    return this.floats[2];
  }

  used(slot: number): number {
    return this.floats[3 + slot];
  }

  setUsed(slot: number, ms: number): void {
    this.floats[3 + slot] = ms;
  }

  begin(slot: number, at: number): void {
    this.floats[1] = at;
    Atomics.store(this.ints, 1, slot);
    Atomics.store(this.ints, 0, slot);
  }

  end(slot: number, at: number): void {
    this.floats[3 + slot] += at - this.floats[1];
    Atomics.store(this.ints, 0, -1);
  }

  beat(at: number): void {
    this.floats[2] = at;
  }

  /** Main thread: a run is handed over in `slot` under `ticket` (a multiple of 4). */
  handOver(slot: number, ticket: number): void {
    Atomics.store(this.tickets, slot, ticket);
  }

  /** Worker: takes up the run of `ticket`; false when the main thread took it back first. */
  take(slot: number, ticket: number): boolean {
    return Atomics.compareExchange(this.tickets, slot, ticket, ticket + TAKEN) === ticket;
  }

  /** Main thread: takes back a run the worker has not taken up; false when it already has. */
  revoke(slot: number, ticket: number): boolean {
    return Atomics.compareExchange(this.tickets, slot, ticket, ticket + REVOKED) === ticket;
  }
}

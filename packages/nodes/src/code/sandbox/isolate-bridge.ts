/**
 * The synchronous bridge the in-isolate runtime calls (runtime/host.ts):
 * console output, timers, loading Luxon/jmespath into the context, random
 * bytes and digests. One per job; `close()` clears the job's timers.
 */
import { createHash, createHmac, randomBytes } from 'node:crypto';
import type { NodeLogEntry } from '@guixu/core';
import type ivm from 'isolated-vm';

export interface BridgeOptions {
  context: ivm.Context;
  libraries: Record<'luxon' | 'jmespath' | 'nunjucks', ivm.Script>;
  log(level: NodeLogEntry['level'], message: string): void;
}

export interface IsolateBridge {
  call(op: unknown, a: unknown, b: unknown, c: unknown, d: unknown): string | undefined;
  /** The runtime's `fireTimer`, known once the runtime has started. */
  setFireTimer(fire: ivm.Reference): void;
  close(): void;
}

const MAX_RANDOM_BYTES = 65_536;

export function createIsolateBridge({ context, libraries, log }: BridgeOptions): IsolateBridge {
  const timers = new Map<number, NodeJS.Timeout>();
  let fireTimer: ivm.Reference | undefined;
  const call = (op: unknown, a: unknown, b: unknown, c: unknown, d: unknown): string | undefined => {
    if (op === 'load' && (a === 'luxon' || a === 'jmespath' || a === 'nunjucks')) {
      libraries[a].runSync(context);
    } else if (op === 'log' && typeof b === 'string') {
      log(a === 'warn' || a === 'error' || a === 'debug' ? a : 'info', b);
    } else if (op === 'timer' && typeof a === 'number' && typeof b === 'number') {
      const fire = () => {
        timers.delete(a);
        fireTimer?.apply(undefined, [a]).catch(() => {});
      };
      timers.set(a, setTimeout(fire, b));
    } else if (op === 'clearTimer' && typeof a === 'number') {
      clearTimeout(timers.get(a));
      timers.delete(a);
    } else if (op === 'randomBytes' && typeof a === 'number' && a >= 0 && a <= MAX_RANDOM_BYTES) {
      return randomBytes(a).toString('base64');
    } else if (op === 'digest' && typeof b === 'string' && typeof c === 'string' && typeof d === 'string') {
      const data = Buffer.from(d, 'base64');
      const digest = a === 'hmac' ? createHmac(b, Buffer.from(c, 'base64')) : createHash(b);
      return digest.update(data).digest('base64');
    }
    return undefined;
  };
  return {
    call,
    setFireTimer(fire) {
      fireTimer = fire;
    },
    close() {
      for (const timer of timers.values()) clearTimeout(timer);
      timers.clear();
      fireTimer = undefined;
    },
  };
}

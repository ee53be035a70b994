/**
 * `setTimeout` & co. Each timer lives in the sandbox process (cleared when the
 * run ends), which calls `fireTimer` back into the isolate. An error thrown in
 * a timer callback fails the run (Node would crash) instead of leaving it hanging.
 */
import { defineValue } from './define-global.ts';
import { callBridge } from './host.ts';

interface Timer {
  callback: (...args: unknown[]) => unknown;
  args: unknown[];
  repeat: boolean;
  ms: number;
}

/** Timers live outside the isolate's memory limit, so their number is capped. */
const MAX_TIMERS = 10_000;
const timers = new Map<number, Timer>();
let nextTimer = 1;
let failRun: (error: unknown) => void = () => {};

/** Rejects when a timer callback throws; a run races its result against it. */
export const timerFailure = new Promise<never>((_resolve, reject) => {
  failRun = reject;
});
timerFailure.catch(() => {});

function addTimer(callback: unknown, delay: unknown, args: unknown[], repeat: boolean): number {
  if (typeof callback !== 'function') throw new TypeError('The "callback" argument must be a function');
  if (timers.size >= MAX_TIMERS) {
    throw new RangeError(`Too many timers: at most ${MAX_TIMERS} may be pending at once`);
  }
  const id = nextTimer++;
  const ms = Math.max(0, Number(delay) || 0);
  timers.set(id, { callback: (...a: unknown[]) => Reflect.apply(callback, undefined, a), args, repeat, ms });
  callBridge('timer', id, ms);
  return id;
}

function clearTimer(id: unknown): void {
  if (typeof id === 'number' && timers.delete(id)) callBridge('clearTimer', id);
}

/** Called by the sandbox process when a timer is due. */
export function fireTimer(id: number): void {
  const timer = timers.get(id);
  if (!timer) return;
  if (timer.repeat) callBridge('timer', id, timer.ms);
  else timers.delete(id);
  try {
    timer.callback(...timer.args);
  } catch (error) {
    failRun(error);
  }
}

export function installTimers(): void {
  defineValue('setTimeout', (callback: unknown, delay: unknown, ...args: unknown[]) =>
    addTimer(callback, delay, args, false),
  );
  defineValue('setInterval', (callback: unknown, delay: unknown, ...args: unknown[]) =>
    addTimer(callback, delay, args, true),
  );
  defineValue('setImmediate', (callback: unknown, ...args: unknown[]) => addTimer(callback, 0, args, false));
  defineValue('clearTimeout', clearTimer);
  defineValue('clearInterval', clearTimer);
  defineValue('clearImmediate', clearTimer);
}

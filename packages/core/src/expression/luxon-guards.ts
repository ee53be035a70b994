/**
 * Luxon methods whose work grows with an argument rather than with the data:
 * `interval.splitBy(1)` over a month would build millions of intervals in one
 * native call, beyond the step budget's reach. Their size is checked first.
 * Every Luxon function also gets copies of shared object arguments (it writes
 * to some: `DateTime.utc(opts)` sets `opts.zone`).
 */
import * as luxon from 'luxon';
import { Duration, Interval } from 'luxon';
import { chargeElements } from './budget.ts';
import { limitError } from './expression-error.ts';
import { guardMethod, treatAsLibrary } from './guards.ts';

export const MAX_INTERVAL_PARTS = 100_000;

function checkParts(count: number): void {
  if (!(count <= MAX_INTERVAL_PARTS)) {
    throw limitError(
      `Expression would split an interval into ${Number.isFinite(count) ? Math.ceil(count).toLocaleString('en') : 'endless'} parts (limit ${MAX_INTERVAL_PARTS.toLocaleString('en')})`,
    );
  }
  chargeElements(Math.ceil(count));
}

const proto = Interval.prototype;

guardMethod(proto.splitBy, (_rt, thisArg, args) => {
  if (thisArg instanceof Interval && thisArg.isValid) {
    const step = Duration.fromDurationLike(args[0] as Parameters<typeof Duration.fromDurationLike>[0]);
    const ms = step.isValid ? Math.abs(step.as('milliseconds')) : 0;
    if (ms > 0) checkParts(thisArg.length('milliseconds') / ms);
  }
  return Reflect.apply(proto.splitBy, thisArg, args);
});

guardMethod(proto.divideEqually, (_rt, thisArg, args) => {
  checkParts(Number(args[0]));
  return Reflect.apply(proto.divideEqually, thisArg, args);
});

guardMethod(proto.splitAt, (_rt, thisArg, args) => {
  checkParts(args.length + 1);
  return Reflect.apply(proto.splitAt, thisArg, args);
});

for (const value of Object.values(luxon)) {
  if (typeof value !== 'function') continue;
  for (const holder of [value, value.prototype]) {
    if (holder === undefined || holder === null) continue;
    for (const name of Object.getOwnPropertyNames(holder)) {
      const d = Object.getOwnPropertyDescriptor(holder, name);
      if (typeof d?.value === 'function') treatAsLibrary(d.value);
    }
  }
}

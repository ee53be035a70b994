/**
 * Objects created by the running expression are "owned" and may be mutated;
 * everything else (input items, run data, built-ins) is shared and read-only.
 * Ownership is stamped with the evaluation's generation, so objects from an
 * earlier evaluation become read-only again.
 */
const owner = new WeakMap<object, number>();
let generation = 0;

export function nextGeneration(): void {
  generation++;
}

export function own<T>(value: T): T {
  if (value !== null && typeof value === 'object') owner.set(value, generation);
  return value;
}

export function isOwned(value: object): boolean {
  return owner.get(value) === generation;
}

/** Marks a freshly parsed/cloned structure as owned all the way down. */
export function ownDeep<T>(value: T, depth = 0): T {
  if (value === null || typeof value !== 'object' || depth > 500) return value;
  owner.set(value, generation);
  if (Array.isArray(value)) {
    for (const v of value) ownDeep(v, depth + 1);
  } else {
    for (const v of Object.values(value)) ownDeep(v, depth + 1);
  }
  return value;
}

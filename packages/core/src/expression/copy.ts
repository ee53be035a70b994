import { checkLength } from './budget.ts';

/** Copies own enumerable properties without ever invoking the `__proto__` setter. */
export function copyInto(target: Record<string, unknown>, source: unknown): void {
  if (source === null || source === undefined) return;
  const from = Object(source) as Record<string, unknown>;
  const isArray = Array.isArray(target);
  for (const key of Object.keys(from)) {
    if (isArray && (key === 'length' || Number(key) >= 0))
      checkLength(Number(key === 'length' ? from[key] : key), 'an array');
    if (key === '__proto__') {
      Object.defineProperty(target, key, {
        value: from[key],
        enumerable: true,
        writable: true,
        configurable: true,
      });
    } else target[key] = from[key];
  }
}

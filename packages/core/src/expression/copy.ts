/** Copies own enumerable properties without ever invoking the `__proto__` setter. */
export function copyInto(target: Record<string, unknown>, source: unknown): void {
  if (source === null || source === undefined) return;
  const from = Object(source) as Record<string, unknown>;
  for (const key of Object.keys(from)) {
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

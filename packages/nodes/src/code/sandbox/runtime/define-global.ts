/** Globals of the user's context: not enumerable, so `Object.keys(globalThis)` stays clean. */
export function defineValue(name: string, value: unknown): void {
  Object.defineProperty(globalThis, name, { value, writable: true, configurable: true, enumerable: false });
}

export function defineGetter(name: string, get: () => unknown): void {
  Object.defineProperty(globalThis, name, { get, configurable: true, enumerable: false });
}

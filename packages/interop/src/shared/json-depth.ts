/** Deepest nesting an imported document may have; real workflows stay far below it. */
export const MAX_JSON_DEPTH = 256;

/**
 * How deeply `value` nests arrays and objects, walked without recursion and
 * stopping once past `limit`, so a hostile file cannot overflow the stack here
 * (the recursive steps of the import would).
 */
export function jsonDepthExceeds(value: unknown, limit = MAX_JSON_DEPTH): boolean {
  const stack: [unknown, number][] = [[value, 0]];
  while (stack.length > 0) {
    const [current, depth] = stack.pop() as [unknown, number];
    if (current === null || typeof current !== 'object') continue;
    if (depth >= limit) return true;
    for (const child of Array.isArray(current) ? current : Object.values(current)) {
      if (child !== null && typeof child === 'object') stack.push([child, depth + 1]);
    }
  }
  return false;
}

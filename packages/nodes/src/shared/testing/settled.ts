/**
 * A database server notices a closed socket a moment after the client closed
 * it: reads `count` again until it is 0 (at most ~5 s), and returns the last value.
 */
export async function settledCount(count: () => Promise<number>): Promise<number> {
  let current = await count();
  for (let attempt = 0; attempt < 100 && current > 0; attempt++) {
    await new Promise((resolve) => setTimeout(resolve, 50));
    current = await count();
  }
  return current;
}

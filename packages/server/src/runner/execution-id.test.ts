import { describe, expect, it } from 'vitest';
import { newExecutionId } from './execution-id.ts';

describe('execution ids', () => {
  it('are 16 base-62 characters and do not repeat', () => {
    const ids = new Set<string>();
    for (let i = 0; i < 20_000; i++) {
      const id = newExecutionId();
      expect(id).toMatch(/^[0-9A-Za-z]{16}$/);
      ids.add(id);
    }
    expect(ids.size).toBe(20_000);
  });
});

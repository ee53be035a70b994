import { describe, expect, it } from 'vitest';
import { builtinNodes } from './index.ts';

describe('node discovery', () => {
  it('finds every *.node.ts file and registers it', async () => {
    const registry = await builtinNodes();
    expect(registry.find('guixu.noOp')?.displayName).toBe('No Operation');
    for (const definition of registry.allVersions()) {
      expect(definition.type).toMatch(/^guixu\.[a-zA-Z0-9]+$/);
      expect(definition.description.length).toBeGreaterThan(10);
    }
  });
});

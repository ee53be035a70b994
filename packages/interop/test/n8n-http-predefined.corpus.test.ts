import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PREDEFINED_CREDENTIAL_TYPES } from '@guixu/nodes';
import { describe, expect, it } from 'vitest';
import { FIXTURES } from './corpus.ts';

describe('n8n corpus: HTTP Request with a predefined credential type', () => {
  it('every predefined credential type in the n8n fixtures is supported', () => {
    const dir = join(FIXTURES, 'n8n');
    const used = new Set<string>();
    for (const file of readdirSync(dir)) {
      const nodes: unknown = JSON.parse(readFileSync(join(dir, file), 'utf8')).nodes;
      for (const node of Array.isArray(nodes) ? nodes : []) {
        const p = node?.parameters;
        if (String(node?.type).endsWith('.httpRequest') && p?.authentication === 'predefinedCredentialType')
          used.add(String(p.nodeCredentialType));
      }
    }
    expect(used.size).toBeGreaterThanOrEqual(10);
    expect([...used].filter((type) => !PREDEFINED_CREDENTIAL_TYPES.includes(type))).toEqual([]);
  });
});

import { builtinNodes } from '@guixu/nodes';
import { describe, expect, it } from 'vitest';
import { mappingFiles } from '../mapping-lists.ts';
import { base, coreCases } from './mapping-cases.ts';
import { aiCases } from './mapping-cases-ai.ts';
import { integrationCases, sameShape } from './mapping-cases-integrations.ts';
import { importOne } from './mapping-test-kit.ts';

const registry = await builtinNodes();

/** Hand-written before (n8n) / after (GuixuFlow) pairs, at least one per mapping file. */
const cases = [...coreCases(expect.any(String)), ...aiCases, ...integrationCases];
const guixuOf: Record<string, string> = { webhook: 'guixu.webhook' };

describe('n8n node mappings (before → after)', () => {
  for (const c of cases) {
    it(`${c.mapping}: ${c.title}`, () => {
      const { node, report } = importOne(registry, c.before);
      expect(report.reason).toBeUndefined();
      expect(report.status).toBe('mapped');
      expect(node.type).toBe(c.after.type);
      expect(node.parameters).toEqual(c.after.parameters);
    });
  }
  for (const [file, n8nName, parameters] of sameShape) {
    it(`${file}: copied as it is`, () => {
      const { node, report } = importOne(registry, { type: base(n8nName), typeVersion: 1, parameters });
      expect(report.reason).toBeUndefined();
      expect(node.type).toBe(guixuOf[n8nName] ?? `guixu.${n8nName}`);
      expect(node.parameters).toEqual(parameters);
    });
  }

  it('has a before/after example for every mapping file', () => {
    const covered = new Set([...cases.map((c) => c.mapping), ...sameShape.map(([file]) => file)]);
    expect(
      mappingFiles('n8n/mappings')
        .map((f) => f.replace(/\.ts$/, ''))
        .filter((f) => !covered.has(f)),
    ).toEqual([]);
  });
});

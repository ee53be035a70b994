import { builtinNodes } from '@guixu/nodes';
import { describe, expect, it } from 'vitest';
import { importDify } from '../src/index.ts';
import { coverageTable, percent, runCorpus } from './corpus.ts';

describe('Dify fixture corpus', async () => {
  const registry = await builtinNodes();
  const outcomes = runCorpus('dify', importDify, registry);
  const imported = outcomes.filter((o) => o.report);
  const valid = imported.filter((o) => o.report?.validation.errors.length === 0);

  it('imports every file or refuses it with a precise error; nothing crashes', () => {
    const crashes = outcomes.filter((o) => o.crashed).map((o) => `${o.file}: ${String(o.crashed)}`);
    expect(crashes).toEqual([]);
    for (const o of outcomes.filter((x) => x.refused)) expect(o.refused?.message).toContain(o.file);
  });

  it('turns at least 90% of the files into workflows that pass validation', () => {
    const invalid = imported
      .filter((o) => (o.report?.validation.errors.length ?? 0) > 0)
      .map((o) => `${o.file}: ${o.report?.validation.errors.map((e) => e.message).join(' | ')}`);
    const refused = outcomes.filter((o) => o.refused).map((o) => o.refused?.message);
    console.log(
      `Dify corpus: ${outcomes.length} files, imported ${percent(imported.length, outcomes.length)}, ` +
        `valid ${percent(valid.length, outcomes.length)}\n${coverageTable(outcomes)}` +
        (refused.length > 0 ? `\nRefused:\n${refused.join('\n')}` : '') +
        (invalid.length > 0 ? `\nInvalid after import:\n${invalid.join('\n')}` : ''),
    );
    expect(valid.length / outcomes.length).toBeGreaterThanOrEqual(0.9);
  });
});

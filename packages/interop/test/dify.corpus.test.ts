import { builtinNodes } from '@guixu/nodes';
import { describe, expect, it } from 'vitest';
import { importDify } from '../src/index.ts';
import { coverageTable, importCorpus, itNeverCrashes, percent } from './corpus.ts';

describe('Dify fixture corpus', async () => {
  const { outcomes, imported, valid } = importCorpus('dify', importDify, await builtinNodes());
  itNeverCrashes(outcomes);

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

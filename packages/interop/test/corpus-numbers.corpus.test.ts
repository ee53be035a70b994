import { builtinNodes } from '@guixu/nodes';
import { describe, expect, it } from 'vitest';
import { importDify, importN8n } from '../src/index.ts';
import { runCorpus } from './corpus.ts';
import { corpusNumbers, formatCorpusNumbers } from './corpus-numbers.ts';

// The figures the README quotes ("Coming from n8n or Dify"), printed on every corpus run.
describe('corpus numbers', async () => {
  const registry = await builtinNodes();
  it.each([
    ['n8n', importN8n],
    ['dify', importDify],
  ] as const)(
    '%s: share of files with no placeholder and of nodes that map to runnable nodes',
    (source, importer) => {
      const numbers = corpusNumbers(runCorpus(source, importer, registry));
      console.log(formatCorpusNumbers(source, numbers));
      expect(numbers.files).toBeGreaterThan(0);
      expect(numbers.runnable + numbers.placeholders).toBe(numbers.nodes);
    },
  );
});

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { MAPPING_FOLDERS, mappingListPath, renderMappingList } from './mapping-lists.ts';

describe('generated mapping lists', () => {
  for (const folder of MAPPING_FOLDERS) {
    it(`${folder}/index.ts lists every mapping file (run: npx tsx packages/interop/src/mapping-lists.ts)`, () => {
      expect(readFileSync(mappingListPath(folder), 'utf8')).toBe(renderMappingList(folder));
    });
  }
});

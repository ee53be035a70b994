import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { FIXTURES } from './corpus.ts';
import { describeParity, recordedParity } from './n8n-parity/parity.ts';

/** Corpus fixtures named in n8n-parity/fixtures.json, with n8n's recorded outputs kept in this repository. */
const listed = z
  .array(z.string())
  .parse(JSON.parse(readFileSync(join(import.meta.dirname, 'n8n-parity', 'fixtures.json'), 'utf8')));
const sources = new Map(listed.map((file): [string, string] => [file, join(FIXTURES, 'n8n', file)]));

describeParity('behaviour parity with n8n 2.8.4 (corpus fixtures)', recordedParity(sources));

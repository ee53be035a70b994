import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describeParity, recordedParity } from './n8n-parity/parity.ts';

/** Hand-written workflows in this repository (n8n-parity/workflows/), with n8n's recorded outputs. */
const workflows = join(import.meta.dirname, 'n8n-parity', 'workflows');
const sources = new Map(
  readdirSync(workflows).map((file): [string, string] => [`workflows__${file}`, join(workflows, file)]),
);

describeParity('behaviour parity with n8n 2.8.4 (hand-written workflows)', recordedParity(sources));

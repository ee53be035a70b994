// `npm run test:corpus`: the extended suite over the external fixture corpus
// (real n8n and Dify exports). Its location is GUIXU_FIXTURES, by default
// `../shared/fixtures` beside the repository; without it the suite is skipped
// with one line, so a fresh clone stays green.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const corpus = resolve(root, process.env.GUIXU_FIXTURES || join('..', 'shared', 'fixtures'));

if (!existsSync(join(corpus, 'n8n')) || !existsSync(join(corpus, 'dify'))) {
  console.log(`corpus suite skipped: no fixture corpus at ${corpus} (set GUIXU_FIXTURES to run it)`);
  process.exit(0);
}
const vitest = join(root, 'node_modules', 'vitest', 'vitest.mjs');
const result = spawnSync(
  process.execPath,
  [vitest, 'run', '--config', join(root, 'vitest.corpus.config.ts'), ...process.argv.slice(2)],
  { cwd: root, stdio: 'inherit', env: { ...process.env, GUIXU_FIXTURES: corpus } },
);
process.exit(result.status ?? 1);

import { defineConfig } from 'vitest/config';

/**
 * The chaos suite of queue mode (`npm run test:chaos`): real mains and
 * workers as child processes on the local PostgreSQL and Redis, killed on
 * purpose (packages/server/src/queue/chaos). Separate from the default suite: it takes minutes.
 */
export default defineConfig({
  test: {
    include: ['packages/*/src/**/*.chaos.test.ts'],
    testTimeout: 900_000,
    hookTimeout: 120_000,
    pool: 'forks',
    // dist/ built when stale: the mains and workers start from it (server-process.ts).
    globalSetup: ['scripts/test-build-bundle.mjs'],
    // One cluster at a time: they compete for the same two cores.
    fileParallelism: false,
  },
});

import { defineConfig } from 'vitest/config';

/**
 * The extended suite over the external fixture corpus (`npm run test:corpus`;
 * scripts/test-corpus.mjs finds the corpus and skips the suite when it is absent).
 */
export default defineConfig({
  test: {
    include: ['packages/*/src/**/*.corpus.test.ts', 'packages/*/test/**/*.corpus.test.ts'],
    testTimeout: 120_000,
    hookTimeout: 60_000,
    pool: 'forks',
  },
});

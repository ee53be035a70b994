import { defineConfig } from 'vitest/config';

/** The default suite: everything in this repository. The external corpus runs in vitest.corpus.config.ts. */
export default defineConfig({
  test: {
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    projects: [
      {
        extends: true,
        test: {
          name: 'node',
          include: ['packages/*/src/**/*.test.ts', 'packages/*/test/**/*.test.ts'],
          // The web app has its own project (packages/web/vitest.config.ts): Vue components, browser journeys.
          exclude: ['**/node_modules/**', '**/*.corpus.test.ts', '**/*.chaos.test.ts', 'packages/web/**'],
        },
      },
      'packages/web/vitest.config.ts',
    ],
  },
});

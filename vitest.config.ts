import { defineConfig } from 'vitest/config';

/**
 * Test files that change process-wide state (environment variables, the Code sandbox's settings and
 * pool, proxies): they keep a fresh process each, as everything in the `node` project does.
 */
const PROCESS_STATE = [
  'packages/nodes/src/code/**/*.test.ts',
  'packages/nodes/src/execute-command/**/*.test.ts',
  'packages/nodes/src/http-request/http-request-connection.test.ts',
  'packages/nodes/src/sort/**/*.test.ts',
];
/**
 * Server and CLI test files that change process-wide state (they start the server in this process, which
 * exports node settings to `process.env`, or set environment variables themselves): a fresh process each.
 */
const SERVER_PROCESS_STATE = [
  'packages/server/src/server.test.ts',
  'packages/server/src/security/admin-tasks.test.ts',
  'packages/server/src/features/web-app/web-app.test.ts',
  'packages/server/src/security/tenancy-oracles.test.ts',
];
const NOT_HERE = ['**/node_modules/**', '**/*.corpus.test.ts', '**/*.chaos.test.ts'];

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
          // Pure libraries and nodes: one process runs file after file and imports each module once.
          // Starting a process and importing per file cost ~3 s a file on the 2-core CI machine.
          name: 'libraries',
          include: ['packages/{core,api,interop,nodes}/{src,test}/**/*.test.ts'],
          exclude: [...NOT_HERE, ...PROCESS_STATE],
          isolate: false,
        },
      },
      {
        extends: true,
        test: {
          // Server and CLI: one process runs file after file too. Each test builds its own app on its
          // own database; importing the server's module graph again for every file cost ~4 s of CPU
          // a file (~110 files, twice in CI).
          name: 'server',
          include: ['packages/{server,cli}/{src,test}/**/*.test.ts'],
          exclude: [...NOT_HERE, ...SERVER_PROCESS_STATE],
          isolate: false,
          // dist/ built when stale: the tests' child servers start from it (server-process.ts).
          globalSetup: ['scripts/test-build-bundle.mjs'],
        },
      },
      {
        extends: true,
        test: {
          name: 'node',
          include: [...SERVER_PROCESS_STATE, ...PROCESS_STATE],
          globalSetup: ['scripts/test-build-bundle.mjs'],
          // The web app has its own project (packages/web/vitest.config.ts): Vue components, browser journeys.
          exclude: NOT_HERE,
        },
      },
      'packages/web/vitest.config.ts',
    ],
  },
});

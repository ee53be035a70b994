import vue from '@vitejs/plugin-vue';
import { defineProject } from 'vitest/config';

/** Component tests (happy-dom) and the browser journeys (`e2e/`, node environment, real Chromium). */
export default defineProject({
  plugins: [vue()],
  test: {
    name: 'web',
    root: import.meta.dirname,
    include: ['src/**/*.test.ts', 'test/**/*.test.ts', 'e2e/**/*.test.ts'],
    environment: 'happy-dom',
    testTimeout: 120_000,
    hookTimeout: 180_000,
    // A browser beside a second CI lane on 2 cores: vitest's 1 s default for expect.poll is too short for a
    // page load or a run to show; 15 s is a bound on waiting, not a speed expectation.
    expect: { poll: { timeout: 15_000 } },
  },
});

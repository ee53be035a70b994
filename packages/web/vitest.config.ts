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
    testTimeout: 60_000,
    hookTimeout: 180_000,
  },
});

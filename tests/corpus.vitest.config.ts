import { defineConfig } from 'vitest/config';

/** The real-corpus suite: builds ../shared/corpus/security_content once, then checks the output. */
export default defineConfig({
  test: {
    include: ['tests/corpus/**/*.test.ts'],
    globalSetup: ['tests/corpus/setup.ts'],
    testTimeout: 300_000,
    hookTimeout: 300_000,
    fileParallelism: false,
  },
});

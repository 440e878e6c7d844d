import { defineConfig } from 'vitest/config';

/** Build-and-check suites over our fixture corpora: hostile content and the base-path build. */
export default defineConfig({
  test: {
    include: ['tests/fixture-suites/**/*.test.ts'],
    testTimeout: 600_000,
    hookTimeout: 600_000,
    fileParallelism: false,
  },
});

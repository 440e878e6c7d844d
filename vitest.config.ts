import { defineConfig } from 'vitest/config';
import { fileURLToPath } from 'node:url';

export default defineConfig({
  resolve: { alias: { '~': fileURLToPath(new URL('./src', import.meta.url)) } },
  test: {
    include: ['tests/unit/**/*.test.ts'],
    environment: 'node',
    // Some unit tests read the whole corpus; a busy 2-core machine must not fail them on time.
    // Speed budgets live in the bench, not here.
    testTimeout: 30_000,
  },
});

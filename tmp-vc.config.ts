import { defineConfig } from 'vitest/config';
export default defineConfig({ test: { root: '/work/main', include: ['tests/corpus/search.test.ts', 'tests/corpus/pages.test.ts'], testTimeout: 300000 } });

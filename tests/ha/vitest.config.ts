import { defineConfig } from 'vitest/config';

// The failover and restore tests (issue 19): a cluster of their own (deploy/ha), so no global setup of
// the main suite. npm test runs them after the main Vitest run (tests/run-all.ts).
export default defineConfig({
  resolve: { alias: { '@': import.meta.dirname } },
  test: {
    root: '.',
    include: ['tests/ha/**/*.test.ts'],
    fileParallelism: false,
    testTimeout: 600_000,
    hookTimeout: 300_000,
  },
});

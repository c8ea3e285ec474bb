import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['handler-kit/test/**/*.test.ts', 'front-door/test/**/*.test.ts', 'examples/*/test/**/*.test.ts', 'scripts/test/**/*.test.ts', 'modules/**/test/**/*.test.ts'],
    // Integration tests start servers on loopback ports and spawn official client tools; two cores.
    pool: 'forks',
    maxWorkers: 2,
    testTimeout: 20_000,
    hookTimeout: 20_000,
    reporters: ['default', 'json'],
    outputFile: { json: '.cache/test-results.json' },
  },
});

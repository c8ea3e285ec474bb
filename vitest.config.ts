import { defaultServerConditions } from 'vite';
import { defineConfig } from 'vitest/config';

/**
 * Inside the repository the kit is used from its TypeScript sources: the `@serverless-mcp/source`
 * export condition (handler-kit/package.json) points every `@serverless-mcp/handler-kit` import at
 * src/, never at the built dist/. Node processes the tests start (servers, scripts) inherit it here.
 */
const SOURCE = '@serverless-mcp/source';
if (!(process.env.NODE_OPTIONS ?? '').includes(`--conditions=${SOURCE}`)) {
  process.env.NODE_OPTIONS = `${process.env.NODE_OPTIONS ?? ''} --conditions=${SOURCE}`.trim();
}

export default defineConfig({
  resolve: { conditions: [SOURCE, ...defaultServerConditions] },
  ssr: { resolve: { conditions: [SOURCE, ...defaultServerConditions], externalConditions: [SOURCE] } },
  test: {
    include: ['handler-kit/test/**/*.test.ts', 'examples/*/test/**/*.test.ts', 'scripts/test/**/*.test.ts', 'modules/**/test/**/*.test.ts'],
    // Integration tests start servers on loopback ports and spawn official client tools; two cores.
    pool: 'forks',
    maxWorkers: 2,
    testTimeout: 20_000,
    hookTimeout: 20_000,
    reporters: ['default', 'json'],
    outputFile: { json: '.cache/test-results.json' },
  },
});

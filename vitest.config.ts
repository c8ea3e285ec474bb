import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { defineConfig } from 'vitest/config';

/**
 * Inside the repository the kit is used from its TypeScript sources: each export of handler-kit/package.json
 * has an `@serverless-mcp/source` condition pointing at src/, never at the built dist/. Vite gets the
 * mapping as aliases (a condition given to vite would apply to every package, and pick the bundler-only
 * builds of some); Node processes the tests start (servers, scripts) get the condition itself.
 */
const SOURCE = '@serverless-mcp/source';
const KIT = join(import.meta.dirname, 'handler-kit');
const exportsMap = JSON.parse(readFileSync(join(KIT, 'package.json'), 'utf8')).exports as Record<string, string | Record<string, string>>;
const kitAliases = Object.entries(exportsMap).flatMap(([subpath, target]) =>
  typeof target === 'object' && target[SOURCE]
    ? [{ find: `@serverless-mcp/handler-kit${subpath.slice(1)}`, replacement: join(KIT, target[SOURCE]) }]
    : [],
);
if (!(process.env.NODE_OPTIONS ?? '').includes(`--conditions=${SOURCE}`)) {
  process.env.NODE_OPTIONS = `${process.env.NODE_OPTIONS ?? ''} --conditions=${SOURCE}`.trim();
}

export default defineConfig({
  // Longest first, so `/aws-lambda/minimal` is not taken for `/aws-lambda` + "/minimal".
  resolve: { alias: kitAliases.sort((a, b) => b.find.length - a.find.length).map((a) => ({ ...a, find: new RegExp(`^${a.find.replace(/[/.]/g, '\\$&')}$`) })) },
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
